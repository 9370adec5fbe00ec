CREATE VIEW testing.endpoint_hit_by_new_test AS
SELECT h.useragent,
       h.endpoint,
       h.tested AS hit_by_ete,
       h.hits AS hit_by_new_test
  FROM testing.live_endpoint_hit h
  JOIN snoop.latest_release l ON l.release = h.release
 WHERE h.useragent LIKE 'live%';
COMMENT ON VIEW testing.endpoint_hit_by_new_test IS 'Operations hit by a test being written against a live cluster (user agent live...), and whether e2e tests of the latest release already hit them (APISnoop compatible).';
COMMENT ON COLUMN testing.endpoint_hit_by_new_test.useragent IS 'User agent of the test being written.';
COMMENT ON COLUMN testing.endpoint_hit_by_new_test.endpoint IS 'operationId hit.';
COMMENT ON COLUMN testing.endpoint_hit_by_new_test.hit_by_ete IS 'Already hit by an e2e test in the latest release''s runs.';
COMMENT ON COLUMN testing.endpoint_hit_by_new_test.hit_by_new_test IS 'Requests by the new test.';
