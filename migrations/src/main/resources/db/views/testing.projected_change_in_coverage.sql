CREATE VIEW testing.projected_change_in_coverage AS
WITH baseline AS (
  SELECT count(*) AS total_endpoints,
         count(*) FILTER (WHERE ec.tested) AS tested_endpoints
    FROM public.endpoint_coverage ec
    JOIN snoop.latest_release l ON l.release = ec.release
), newly_hit AS (
  SELECT count(DISTINCT h.endpoint) AS endpoints_hit
    FROM testing.live_endpoint_hit h
    JOIN snoop.latest_release l ON l.release = h.release
   WHERE h.useragent LIKE 'live%'
     AND NOT h.tested
)
SELECT 'test_coverage'::text AS category,
       b.total_endpoints,
       b.tested_endpoints AS old_coverage,
       b.tested_endpoints + n.endpoints_hit AS new_coverage,
       n.endpoints_hit AS change_in_number
  FROM baseline b, newly_hit n;
COMMENT ON VIEW testing.projected_change_in_coverage IS 'How the latest release''s e2e coverage would grow with the operations a test being written hits (APISnoop compatible).';
COMMENT ON COLUMN testing.projected_change_in_coverage.category IS 'Always test_coverage.';
COMMENT ON COLUMN testing.projected_change_in_coverage.total_endpoints IS 'Non-deprecated operations of the latest release.';
COMMENT ON COLUMN testing.projected_change_in_coverage.old_coverage IS 'Of those, hit by e2e tests.';
COMMENT ON COLUMN testing.projected_change_in_coverage.new_coverage IS 'Plus those hit only by the new test.';
COMMENT ON COLUMN testing.projected_change_in_coverage.change_in_number IS 'Operations the new test adds.';
