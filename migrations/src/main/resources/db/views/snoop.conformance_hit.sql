-- Endpoints hit by conformance tests, by codename (what progress and the gate count). Which tests
-- count is snoop.conformance_codename's rule, used here as it is.
CREATE VIEW snoop.conformance_hit AS
SELECT t.release, t.endpoint, c.codename, c.testname, c.file, c.promotion_release, c.in_newest_list
  FROM snoop.release_endpoint_test t
  JOIN snoop.conformance_codename c ON c.release = t.release AND c.codename = t.test;
COMMENT ON VIEW snoop.conformance_hit IS 'Per release, each operation hit by a conformance test (by codename in the release''s or the newest conformance.yaml) in the current runs.';
COMMENT ON COLUMN snoop.conformance_hit.release IS 'Release of the runs.';
COMMENT ON COLUMN snoop.conformance_hit.endpoint IS 'operationId hit.';
COMMENT ON COLUMN snoop.conformance_hit.codename IS 'The test''s codename as in the userAgent.';
COMMENT ON COLUMN snoop.conformance_hit.testname IS 'Short test name.';
COMMENT ON COLUMN snoop.conformance_hit.file IS 'Source file of the test.';
COMMENT ON COLUMN snoop.conformance_hit.promotion_release IS 'Release the test was promoted to conformance in.';
COMMENT ON COLUMN snoop.conformance_hit.in_newest_list IS 'Whether the newest conformance.yaml has this codename.';
