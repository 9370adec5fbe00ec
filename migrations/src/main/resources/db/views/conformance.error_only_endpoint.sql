-- Operations that conformance tests reach but that never answered them with a success: a test that
-- only ever gets 404 or 403 from an endpoint does not test it. A conformance test is one of the
-- release's own or the newest conformance.yaml (snoop.conformance_codename), as the gate counts.
CREATE VIEW conformance.error_only_endpoint AS
SELECT o.release, o.endpoint, o.level, o.category, o.http_method, o.path,
       EXISTS (SELECT 1 FROM snoop.eligible_operation e
                WHERE e.release = o.release AND e.endpoint = o.endpoint) AS eligible,
       x.tests, x.hits, x.hits_3xx, x.hits_4xx, x.hits_5xx
  FROM (SELECT t.release, t.endpoint,
               array_agg(t.test ORDER BY t.test) AS tests,
               sum(t.hits)::bigint AS hits,
               sum(t.hits_3xx)::bigint AS hits_3xx,
               sum(t.hits_4xx)::bigint AS hits_4xx,
               sum(t.hits_5xx)::bigint AS hits_5xx,
               bool_or(t.success) AS success
          FROM snoop.release_endpoint_test_outcome t
          JOIN snoop.conformance_codename c ON c.release = t.release AND c.codename = t.test
         GROUP BY t.release, t.endpoint) x
  JOIN public.open_api o ON o.release::semver = x.release AND o.endpoint = x.endpoint
 WHERE NOT x.success
   AND x.hits_4xx + x.hits_5xx > 0;
COMMENT ON VIEW conformance.error_only_endpoint IS 'Per release, the operations conformance tests hit in the current runs only with errors: no request of theirs succeeded (snoop.successful_hits) and some were answered 4xx or 5xx (snoop addition).';
COMMENT ON COLUMN conformance.error_only_endpoint.release IS 'Release of the spec and the runs.';
COMMENT ON COLUMN conformance.error_only_endpoint.endpoint IS 'The operationId.';
COMMENT ON COLUMN conformance.error_only_endpoint.level IS 'alpha, beta or stable.';
COMMENT ON COLUMN conformance.error_only_endpoint.category IS 'Endpoint category.';
COMMENT ON COLUMN conformance.error_only_endpoint.http_method IS 'HTTP method of the operation.';
COMMENT ON COLUMN conformance.error_only_endpoint.path IS 'Path template.';
COMMENT ON COLUMN conformance.error_only_endpoint.eligible IS 'Eligible for conformance (snoop.eligible_operation).';
COMMENT ON COLUMN conformance.error_only_endpoint.tests IS 'Codenames of the conformance tests that hit it.';
COMMENT ON COLUMN conformance.error_only_endpoint.hits IS 'Requests of conformance tests to it.';
COMMENT ON COLUMN conformance.error_only_endpoint.hits_3xx IS 'Of those, answered 3xx.';
COMMENT ON COLUMN conformance.error_only_endpoint.hits_4xx IS 'Of those, answered 4xx.';
COMMENT ON COLUMN conformance.error_only_endpoint.hits_5xx IS 'Of those, answered 5xx.';
