-- APISnoop keeps one conformance.yaml (master's). The verifier needs the list of every release, so
-- the lists live in conformance.release_test, and conformance.test is APISnoop's table as a view of
-- the newest list, so APISnoop's joins on codename still see each test once.
CREATE TABLE conformance.release_test (
  list_release  semver NOT NULL REFERENCES snoop.release (release),
  testname      text NOT NULL,
  codename      text NOT NULL,
  release       semver NOT NULL,
  release_raw   text NOT NULL,
  required_from semver NOT NULL,
  description   text,
  file          text,
  PRIMARY KEY (list_release, codename)
);
COMMENT ON TABLE conformance.release_test IS 'Every release''s conformance.yaml: one row per conformance test in that release''s list (snoop addition).';
COMMENT ON COLUMN conformance.release_test.list_release IS 'Release whose conformance.yaml (branch release-MAJOR.MINOR, master for the working release) listed the test.';
COMMENT ON COLUMN conformance.release_test.testname IS 'Short test name.';
COMMENT ON COLUMN conformance.release_test.codename IS 'Full ginkgo text, as it appears after " -- " in the e2e.test userAgent and in junit.';
COMMENT ON COLUMN conformance.release_test.release IS 'Promotion release as APISnoop normalises it: '''' -> 1.9.0, a list -> its last entry, vX.Y -> X.Y.0.';
COMMENT ON COLUMN conformance.release_test.release_raw IS 'The release: value exactly as written in conformance.yaml.';
COMMENT ON COLUMN conformance.release_test.required_from IS 'Earliest release listed in release:, so the test is required for a submission of release R when required_from <= R (the certification bot''s rule).';
COMMENT ON COLUMN conformance.release_test.description IS 'What the test checks.';
COMMENT ON COLUMN conformance.release_test.file IS 'Source file of the test in kubernetes/kubernetes.';

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

CREATE TABLE conformance.ineligible_endpoint (
  endpoint text PRIMARY KEY,
  reason   text,
  link     text
);
COMMENT ON TABLE conformance.ineligible_endpoint IS 'Endpoints that cannot be conformance tested, from kubernetes'' ineligible_endpoints.yaml (APISnoop compatible).';
COMMENT ON COLUMN conformance.ineligible_endpoint.endpoint IS 'operationId.';
COMMENT ON COLUMN conformance.ineligible_endpoint.reason IS 'Why it is ineligible, as written in the list.';
COMMENT ON COLUMN conformance.ineligible_endpoint.link IS 'Issue or discussion behind the decision.';

CREATE TABLE conformance.pending_eligible_endpoint (
  endpoint text PRIMARY KEY
);
COMMENT ON TABLE conformance.pending_eligible_endpoint IS 'Eligible endpoints given a grace period before they fail the gate, from pending_eligible_endpoints.yaml (APISnoop compatible).';
COMMENT ON COLUMN conformance.pending_eligible_endpoint.endpoint IS 'operationId.';
