-- Which of an operation's query parameters tests exercise. A conformance test is one of the
-- release's own or the newest conformance.yaml (snoop.conformance_codename). Per parameter, a
-- lookup through the parameter_hit (endpoint, release) index of the release's current runs.
CREATE VIEW conformance.parameter_coverage AS
SELECT p.release, p.endpoint, p.parameter, p.required,
       coalesce(u.conformance_hits, 0) > 0 AS conformance_used,
       coalesce(u.conformance_hits, 0)::bigint AS conformance_hits,
       coalesce(u.conformance_tests, '{}') AS conformance_tests,
       coalesce(u.test_hits, 0) > 0 AS tested_used,
       coalesce(u.hits, 0)::bigint AS hits
  FROM snoop.operation_parameter p
  LEFT JOIN LATERAL (
        SELECT sum(x.hits) FILTER (WHERE x.conformance) AS conformance_hits,
               array_agg(DISTINCT x.test ORDER BY x.test) FILTER (WHERE x.conformance) AS conformance_tests,
               sum(x.hits) FILTER (WHERE x.test IS NOT NULL) AS test_hits,
               sum(x.hits) AS hits
          FROM (SELECT h.test, h.hits,
                       -- an uncorrelated IN: one hash table for the whole query
                       coalesce((h.release, h.test) IN (SELECT c.release, c.codename
                                                          FROM snoop.conformance_codename c), false) AS conformance
                  FROM snoop.parameter_hit h
                 WHERE h.endpoint = p.endpoint
                   AND h.release = p.release::semver
                   AND h.parameter = p.parameter
                   AND h.run_id IN (SELECT id FROM snoop.current_run)
                OFFSET 0) x) u ON true;
COMMENT ON VIEW conformance.parameter_coverage IS 'Per release, operation and query parameter of its spec (snoop.operation_parameter), whether tests and conformance tests sent it in the release''s current runs (snoop addition).';
COMMENT ON COLUMN conformance.parameter_coverage.release IS 'The open_api release.';
COMMENT ON COLUMN conformance.parameter_coverage.endpoint IS 'The operationId.';
COMMENT ON COLUMN conformance.parameter_coverage.parameter IS 'The query parameter''s name.';
COMMENT ON COLUMN conformance.parameter_coverage.required IS 'Whether the spec marks it required.';
COMMENT ON COLUMN conformance.parameter_coverage.conformance_used IS 'A conformance test sent it at least once.';
COMMENT ON COLUMN conformance.parameter_coverage.conformance_hits IS 'Requests of conformance tests that sent it.';
COMMENT ON COLUMN conformance.parameter_coverage.conformance_tests IS 'Codenames of the conformance tests that sent it.';
COMMENT ON COLUMN conformance.parameter_coverage.tested_used IS 'An e2e.test agent sent it at least once.';
COMMENT ON COLUMN conformance.parameter_coverage.hits IS 'Requests that sent it, any agent.';
