-- Which SIGs' tests reach which operations in a release's current runs. A test's SIG is the first
-- [sig-x] tag of its name; tests without one are left out.
CREATE VIEW conformance.coverage_by_sig AS
SELECT s.release, s.endpoint, s.sig,
       array_agg(s.test ORDER BY s.test) AS tests,
       coalesce(array_agg(s.test ORDER BY s.test) FILTER (WHERE s.conformance), '{}') AS conformance_tests,
       count(*) OVER (PARTITION BY s.release, s.endpoint) AS sigs
  FROM (SELECT t.release, t.endpoint, t.test,
               substring(t.test FROM '\[(sig-[A-Za-z0-9_-]+)\]') AS sig,
               EXISTS (SELECT 1 FROM snoop.conformance_codename c
                        WHERE c.release = t.release AND c.codename = t.test) AS conformance
          FROM snoop.release_endpoint_test t) s
 WHERE s.sig IS NOT NULL
 GROUP BY s.release, s.endpoint, s.sig;
COMMENT ON VIEW conformance.coverage_by_sig IS 'Per release, operation and SIG (a test name''s [sig-x] tag), the tests of that SIG that hit the operation in the current runs.';
COMMENT ON COLUMN conformance.coverage_by_sig.release IS 'Release of the runs.';
COMMENT ON COLUMN conformance.coverage_by_sig.endpoint IS 'operationId hit.';
COMMENT ON COLUMN conformance.coverage_by_sig.sig IS 'The SIG, e.g. sig-apps.';
COMMENT ON COLUMN conformance.coverage_by_sig.tests IS 'The SIG''s tests that hit the operation.';
COMMENT ON COLUMN conformance.coverage_by_sig.conformance_tests IS 'Those of them that are conformance tests; empty when none.';
COMMENT ON COLUMN conformance.coverage_by_sig.sigs IS 'How many SIGs'' tests hit the operation: 1 when this SIG alone reaches it.';
