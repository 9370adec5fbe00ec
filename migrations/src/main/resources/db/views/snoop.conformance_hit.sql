-- Endpoints hit by conformance tests, by codename (what progress and the gate count).
CREATE VIEW snoop.conformance_hit AS
SELECT t.release, t.endpoint, c.codename, c.testname, c.file, c.promotion_release,
       EXISTS (SELECT 1 FROM conformance.test n WHERE n.codename = t.test) AS in_newest_list
  FROM snoop.release_endpoint_test t
  -- The release's own conformance.yaml first, then the newest (as snoop.conformance_codename),
  -- looked up per row through the primary key, so asking for one endpoint stays cheap; the IN
  -- (one hash table per query) spares the lookup for the many tests that are no conformance tests.
  CROSS JOIN LATERAL (
        SELECT rt.codename, rt.testname, rt.file, rt.release AS promotion_release
          FROM conformance.release_test rt
         WHERE rt.codename = t.test
           AND (rt.list_release = t.release
                OR rt.list_release = (SELECT max(list_release) FROM conformance.release_test))
         ORDER BY (rt.list_release = t.release) DESC
         LIMIT 1) c
 WHERE (t.release, t.test) IN (SELECT cc.release, cc.codename FROM snoop.conformance_codename cc);
COMMENT ON VIEW snoop.conformance_hit IS 'Per release, each operation hit by a conformance test (by codename in the release''s or the newest conformance.yaml) in the current runs.';
COMMENT ON COLUMN snoop.conformance_hit.release IS 'Release of the runs.';
COMMENT ON COLUMN snoop.conformance_hit.endpoint IS 'operationId hit.';
COMMENT ON COLUMN snoop.conformance_hit.codename IS 'The test''s codename as in the userAgent.';
COMMENT ON COLUMN snoop.conformance_hit.testname IS 'Short test name.';
COMMENT ON COLUMN snoop.conformance_hit.file IS 'Source file of the test.';
COMMENT ON COLUMN snoop.conformance_hit.promotion_release IS 'Release the test was promoted to conformance in.';
COMMENT ON COLUMN snoop.conformance_hit.in_newest_list IS 'Whether the newest conformance.yaml has this codename.';
