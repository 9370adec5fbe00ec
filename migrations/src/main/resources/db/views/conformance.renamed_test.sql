CREATE VIEW conformance.renamed_test AS
SELECT x.release, x.codename, x.testname, x.file, x.newest_codename, x.endpoints
  FROM (SELECT own.list_release::text AS release, own.codename, own.testname, own.file,
               (SELECT n.codename FROM conformance.test n
                 WHERE n.testname = own.testname AND n.file IS NOT DISTINCT FROM own.file
                 ORDER BY n.codename LIMIT 1) AS newest_codename,
               (SELECT count(DISTINCT h.endpoint) FROM snoop.endpoint_hit h
                 WHERE h.release = own.list_release AND h.test = own.codename
                   AND h.run_id IN (SELECT id FROM snoop.current_run)) AS endpoints
          -- usually none; OFFSET 0 makes the lists be checked before any hit is counted
          FROM (SELECT * FROM conformance.release_test r
                 WHERE NOT EXISTS (SELECT 1 FROM conformance.test n WHERE n.codename = r.codename)
                OFFSET 0) own) x
 WHERE x.endpoints > 0;
COMMENT ON VIEW conformance.renamed_test IS 'Conformance tests seen in audit runs under a codename the newest conformance.yaml no longer has (renamed or dropped). snoop still counts them; APISnoop silently did not (snoop addition).';
COMMENT ON COLUMN conformance.renamed_test.release IS 'Release of the audit runs, whose own conformance.yaml lists the codename.';
COMMENT ON COLUMN conformance.renamed_test.codename IS 'Codename in the audit log and in the release''s own conformance.yaml.';
COMMENT ON COLUMN conformance.renamed_test.testname IS 'Short test name.';
COMMENT ON COLUMN conformance.renamed_test.file IS 'Source file of the test.';
COMMENT ON COLUMN conformance.renamed_test.newest_codename IS 'Codename of the test with the same name and file in the newest conformance.yaml; null when it was dropped.';
COMMENT ON COLUMN conformance.renamed_test.endpoints IS 'Operations it hit.';
