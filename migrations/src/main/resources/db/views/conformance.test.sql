CREATE VIEW conformance.test AS
SELECT t.testname, t.codename, t.release::text AS release, t.description, t.file
  FROM conformance.release_test t
 WHERE t.list_release = (SELECT max(list_release) FROM conformance.release_test);
COMMENT ON VIEW conformance.test IS 'APISnoop''s conformance.test: the conformance tests of the newest loaded conformance.yaml.';
COMMENT ON COLUMN conformance.test.testname IS 'Short test name.';
COMMENT ON COLUMN conformance.test.codename IS 'Full ginkgo text, as it appears after " -- " in the e2e.test userAgent.';
COMMENT ON COLUMN conformance.test.release IS 'Promotion release, normalised as APISnoop does (X.Y.0).';
COMMENT ON COLUMN conformance.test.description IS 'What the test checks.';
COMMENT ON COLUMN conformance.test.file IS 'Source file of the test in kubernetes/kubernetes.';
