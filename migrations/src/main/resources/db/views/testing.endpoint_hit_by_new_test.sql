CREATE VIEW testing.endpoint_hit_by_new_test AS
WITH live AS (
  SELECT a.endpoint, a.useragent, count(*) AS hits
    FROM testing.audit_event a
   WHERE a.useragent LIKE 'live%'
   GROUP BY a.endpoint, a.useragent
)
SELECT live.useragent,
       live.endpoint,
       ec.tested AS hit_by_ete,
       live.hits AS hit_by_new_test
  FROM live
  JOIN public.endpoint_coverage ec ON ec.endpoint = live.endpoint
  JOIN snoop.latest_release l ON l.release = ec.release;
COMMENT ON VIEW testing.endpoint_hit_by_new_test IS 'Operations hit by a test being written against a live cluster (user agent live...), and whether e2e tests of the latest release already hit them (APISnoop compatible).';
COMMENT ON COLUMN testing.endpoint_hit_by_new_test.useragent IS 'User agent of the test being written.';
COMMENT ON COLUMN testing.endpoint_hit_by_new_test.endpoint IS 'operationId hit.';
COMMENT ON COLUMN testing.endpoint_hit_by_new_test.hit_by_ete IS 'Already hit by an e2e test in the latest release''s runs.';
COMMENT ON COLUMN testing.endpoint_hit_by_new_test.hit_by_new_test IS 'Requests by the new test.';
