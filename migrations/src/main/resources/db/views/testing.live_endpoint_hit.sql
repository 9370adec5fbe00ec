CREATE VIEW testing.live_endpoint_hit AS
SELECT ec.release,
       a.useragent,
       a.endpoint,
       count(*) AS hits,
       to_timestamp(max(a.release_date::bigint)) AS last_seen,
       ec.tested,
       ec.conf_tested,
       ec.level,
       ec.category,
       ec.path,
       ec.kind
  FROM testing.audit_event a
  JOIN public.endpoint_coverage ec ON ec.endpoint = a.endpoint
 GROUP BY ec.release, a.useragent, a.endpoint, ec.tested, ec.conf_tested, ec.level, ec.category,
          ec.path, ec.kind;
COMMENT ON VIEW testing.live_endpoint_hit IS 'Operations of each release that each user agent hit in the live sink''s events (testing.audit_event), with whether that release''s e2e runs already test them: what a test being written against a cluster adds. Select one release and user agent.';
COMMENT ON COLUMN testing.live_endpoint_hit.release IS 'A release whose spec has the operation; its coverage gives tested and conf_tested.';
COMMENT ON COLUMN testing.live_endpoint_hit.useragent IS 'userAgent of the requests (null: none logged).';
COMMENT ON COLUMN testing.live_endpoint_hit.endpoint IS 'operationId hit.';
COMMENT ON COLUMN testing.live_endpoint_hit.hits IS 'Requests of the agent to it.';
COMMENT ON COLUMN testing.live_endpoint_hit.last_seen IS 'When the newest of those requests was received.';
COMMENT ON COLUMN testing.live_endpoint_hit.tested IS 'Already hit by an e2e test in the release''s runs; false: the agent''s test would add it.';
COMMENT ON COLUMN testing.live_endpoint_hit.conf_tested IS 'Already hit by a conformance test in the release''s runs.';
COMMENT ON COLUMN testing.live_endpoint_hit.level IS 'alpha, beta or stable.';
COMMENT ON COLUMN testing.live_endpoint_hit.category IS 'Endpoint category.';
COMMENT ON COLUMN testing.live_endpoint_hit.path IS 'The path template.';
COMMENT ON COLUMN testing.live_endpoint_hit.kind IS 'Kubernetes kind.';
