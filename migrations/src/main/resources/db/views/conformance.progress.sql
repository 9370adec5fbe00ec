CREATE VIEW conformance.progress AS
WITH coverage AS MATERIALIZED (  -- once, not once per release
  SELECT * FROM conformance.eligible_endpoint_coverage
), endpoints_per_release AS (
  SELECT o.release, o.endpoint
    FROM public.open_api o
    JOIN conformance.eligible_endpoint USING (endpoint)
)
SELECT epr.release::semver AS release,
       count(*) FILTER (WHERE epr.release = c.first_release) AS new_endpoints,
       (SELECT count(*) FROM conformance.test t WHERE t.release = epr.release) AS new_tests,
       count(*) FILTER (WHERE epr.release = c.first_release
                          AND c.all_test_releases @> ARRAY[epr.release::semver]) AS new_endpoints_promoted_with_tests,
       count(*) FILTER (WHERE epr.release = c.first_release
                          AND c.first_conformance_test = c.first_release) AS new_endpoints_covered_by_new_tests,
       count(*) FILTER (WHERE epr.release = c.first_release
                          AND c.first_conformance_test::semver < epr.release::semver) AS new_endpoints_covered_by_old_tests,
       count(*) FILTER (WHERE c.first_release::semver < epr.release::semver
                          AND c.first_conformance_test = epr.release) AS old_endpoints_covered_by_new_tests,
       count(*) AS total_endpoints,
       count(*) FILTER (WHERE c.first_release::semver <= epr.release::semver
                          AND c.first_conformance_test::semver <= epr.release::semver) AS total_tested_endpoints,
       count(*) FILTER (WHERE epr.release = c.first_release
                          AND c.first_conformance_test IS NULL) AS endpoints_still_untested_today
  FROM endpoints_per_release epr
  LEFT JOIN coverage c USING (endpoint)
 WHERE epr.release::semver >= '1.8.0'::semver
 GROUP BY epr.release
 ORDER BY epr.release::semver;
COMMENT ON VIEW conformance.progress IS 'Per release from 1.8.0, its eligible operations (as judged by the latest spec) and how conformance tests cover them (APISnoop compatible).';
COMMENT ON COLUMN conformance.progress.release IS 'The release.';
COMMENT ON COLUMN conformance.progress.new_endpoints IS 'Eligible operations first seen in this release.';
COMMENT ON COLUMN conformance.progress.new_tests IS 'Tests of the newest conformance.yaml promoted in this release.';
COMMENT ON COLUMN conformance.progress.new_endpoints_promoted_with_tests IS 'New operations hit by a test promoted in this release: operation and test promoted together.';
COMMENT ON COLUMN conformance.progress.new_endpoints_covered_by_new_tests IS 'New operations whose first conformance test was promoted in this release.';
COMMENT ON COLUMN conformance.progress.new_endpoints_covered_by_old_tests IS 'New operations first hit by a test promoted earlier.';
COMMENT ON COLUMN conformance.progress.old_endpoints_covered_by_new_tests IS 'Older operations whose first conformance test was promoted in this release: technical debt paid.';
COMMENT ON COLUMN conformance.progress.total_endpoints IS 'Eligible operations present in this release.';
COMMENT ON COLUMN conformance.progress.total_tested_endpoints IS 'Of those, operations hit by a conformance test promoted in this release or earlier.';
COMMENT ON COLUMN conformance.progress.endpoints_still_untested_today IS 'New operations of this release that no conformance test hits to this day.';
