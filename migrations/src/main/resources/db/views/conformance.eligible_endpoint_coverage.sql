CREATE VIEW conformance.eligible_endpoint_coverage AS
SELECT e.endpoint,
       t.first_release::text AS first_conformance_test,
       t.testname AS test,
       t.codename,
       t.file,
       r.release::text AS first_release,
       coalesce(t.releases, '{}'::semver[]) AS all_test_releases
  FROM conformance.eligible_endpoint e
  JOIN (SELECT o.endpoint, min(o.release::semver) AS release
          FROM public.open_api o
         GROUP BY o.endpoint) r ON r.endpoint = e.endpoint
  -- Per endpoint, so a query for one release's new endpoints only looks at those.
  LEFT JOIN LATERAL (
        SELECT (array_agg(h.promotion_release ORDER BY h.promotion_release, h.codename))[1] AS first_release,
               (array_agg(h.testname ORDER BY h.promotion_release, h.codename))[1] AS testname,
               (array_agg(h.codename ORDER BY h.promotion_release, h.codename))[1] AS codename,
               (array_agg(h.file ORDER BY h.promotion_release, h.codename))[1] AS file,
               array_agg(DISTINCT h.promotion_release ORDER BY h.promotion_release) AS releases
          FROM snoop.conformance_hit h
         WHERE h.endpoint = e.endpoint) t ON true;
COMMENT ON VIEW conformance.eligible_endpoint_coverage IS 'For each eligible operation, its first release and the conformance tests that hit it in any release''s audit runs (APISnoop compatible; a plain view, not a materialized one).';
COMMENT ON COLUMN conformance.eligible_endpoint_coverage.endpoint IS 'The operationId.';
COMMENT ON COLUMN conformance.eligible_endpoint_coverage.first_conformance_test IS 'Promotion release of the earliest conformance test that hits it; may be before first_release.';
COMMENT ON COLUMN conformance.eligible_endpoint_coverage.test IS 'Name of that first test, as in conformance.yaml.';
COMMENT ON COLUMN conformance.eligible_endpoint_coverage.codename IS 'That first test as in the userAgent.';
COMMENT ON COLUMN conformance.eligible_endpoint_coverage.file IS 'File defining that first test.';
COMMENT ON COLUMN conformance.eligible_endpoint_coverage.first_release IS 'First release (semantic order) whose spec has the operation, at any level.';
COMMENT ON COLUMN conformance.eligible_endpoint_coverage.all_test_releases IS 'Promotion releases of all conformance tests that hit it.';
