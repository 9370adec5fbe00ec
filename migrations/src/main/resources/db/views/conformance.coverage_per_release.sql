CREATE VIEW conformance.coverage_per_release AS
WITH coverage AS MATERIALIZED (  -- once, not once per release
  SELECT * FROM conformance.eligible_endpoint_coverage
), endpoints_per_release AS (
  SELECT o.release, o.endpoint
    FROM public.open_api o
    JOIN conformance.eligible_endpoint USING (endpoint)
), counts AS (
  SELECT epr.release::semver AS release,
         count(*) FILTER (WHERE epr.release = c.first_release) AS new_endpoints,
         count(*) FILTER (WHERE epr.release = c.first_release AND c.first_conformance_test IS NOT NULL) AS tested,
         count(*) FILTER (WHERE epr.release = c.first_release AND c.first_conformance_test IS NULL) AS untested
    FROM endpoints_per_release epr
    LEFT JOIN coverage c USING (endpoint)
   GROUP BY epr.release
)
SELECT release,
       new_endpoints AS "new endpoints",
       tested,
       untested,
       sum(tested) OVER (ORDER BY release) AS "total tested",
       sum(untested) OVER (ORDER BY release) AS "total untested",
       sum(new_endpoints) OVER (ORDER BY release) AS "total endpoints"
  FROM counts
 ORDER BY release;
COMMENT ON VIEW conformance.coverage_per_release IS 'Per release, how many eligible operations it introduced and how many of those conformance tests hit today, with running totals (APISnoop compatible).';
COMMENT ON COLUMN conformance.coverage_per_release.release IS 'The release.';
COMMENT ON COLUMN conformance.coverage_per_release."new endpoints" IS 'Eligible operations first seen in this release.';
COMMENT ON COLUMN conformance.coverage_per_release.tested IS 'Of those, hit by a conformance test today.';
COMMENT ON COLUMN conformance.coverage_per_release.untested IS 'Of those, hit by no conformance test today.';
COMMENT ON COLUMN conformance.coverage_per_release."total tested" IS 'Tested operations introduced in this release or earlier.';
COMMENT ON COLUMN conformance.coverage_per_release."total untested" IS 'Untested operations introduced in this release or earlier.';
COMMENT ON COLUMN conformance.coverage_per_release."total endpoints" IS 'Eligible operations introduced in this release or earlier.';
