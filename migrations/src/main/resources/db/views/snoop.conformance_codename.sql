-- The one definition of "is a conformance test" for what audit logs show: a codename seen in
-- release R's logs is the test of R's own conformance.yaml, else of the newest list. APISnoop matched the newest list only, so a test renamed since R
-- silently lost its coverage.
CREATE VIEW snoop.conformance_codename AS
SELECT rt.list_release AS release, rt.codename, rt.testname, rt.file,
       rt.release AS promotion_release, rt.list_release,
       EXISTS (SELECT 1 FROM conformance.test n WHERE n.codename = rt.codename) AS in_newest_list
  FROM conformance.release_test rt
UNION ALL
SELECT r.release, n.codename, n.testname, n.file, n.release AS promotion_release, n.list_release,
       true AS in_newest_list
  FROM (SELECT DISTINCT release FROM snoop.ingest_run) r
  JOIN conformance.release_test n
    ON n.list_release = (SELECT max(list_release) FROM conformance.release_test)
 WHERE NOT EXISTS (SELECT 1 FROM conformance.release_test own
                    WHERE own.list_release = r.release AND own.codename = n.codename);
COMMENT ON VIEW snoop.conformance_codename IS 'Per release, every conformance test codename that counts for its audit logs: those of the release''s own conformance.yaml and of the newest one.';
COMMENT ON COLUMN snoop.conformance_codename.release IS 'Release of the audit logs.';
COMMENT ON COLUMN snoop.conformance_codename.codename IS 'Full ginkgo text as in the e2e.test userAgent.';
COMMENT ON COLUMN snoop.conformance_codename.testname IS 'Short test name.';
COMMENT ON COLUMN snoop.conformance_codename.file IS 'Source file of the test.';
COMMENT ON COLUMN snoop.conformance_codename.promotion_release IS 'Release the test was promoted to conformance in (X.Y.0).';
COMMENT ON COLUMN snoop.conformance_codename.list_release IS 'The conformance.yaml it comes from: the release''s own when it lists the codename, else the newest.';
COMMENT ON COLUMN snoop.conformance_codename.in_newest_list IS 'Whether the newest conformance.yaml has this codename; false for a test renamed or dropped since.';
