CREATE VIEW testing.live_projected_change AS
WITH baseline AS (
  SELECT ec.release,
         count(*) AS total_endpoints,
         count(*) FILTER (WHERE ec.tested) AS tested_endpoints
    FROM public.endpoint_coverage ec
   GROUP BY ec.release
), agent AS (
  SELECT DISTINCT a.useragent FROM testing.audit_event a
)
SELECT b.release,
       g.useragent,
       b.total_endpoints,
       b.tested_endpoints AS old_coverage,
       b.tested_endpoints + n.endpoints_hit AS new_coverage,
       n.endpoints_hit AS change_in_number
  FROM baseline b
 CROSS JOIN agent g
 CROSS JOIN LATERAL (
       SELECT count(*) AS endpoints_hit
         FROM testing.live_endpoint_hit h
        WHERE h.release = b.release
          AND h.useragent IS NOT DISTINCT FROM g.useragent
          AND NOT h.tested) n;
COMMENT ON VIEW testing.live_projected_change IS 'How each release''s e2e coverage would grow with the operations one user agent of the live sink hits: testing.projected_change_in_coverage for any release and any one agent. Select one release and user agent.';
COMMENT ON COLUMN testing.live_projected_change.release IS 'The release whose coverage is projected.';
COMMENT ON COLUMN testing.live_projected_change.useragent IS 'userAgent of the test being written (null: requests without one).';
COMMENT ON COLUMN testing.live_projected_change.total_endpoints IS 'Non-deprecated operations of the release.';
COMMENT ON COLUMN testing.live_projected_change.old_coverage IS 'Of those, hit by e2e tests in the release''s runs.';
COMMENT ON COLUMN testing.live_projected_change.new_coverage IS 'Plus those only the agent hits.';
COMMENT ON COLUMN testing.live_projected_change.change_in_number IS 'Operations the agent''s test adds.';
