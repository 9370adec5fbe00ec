-- What the API server answered each test (or other agent) on each operation in a release's current
-- runs: the outcome columns of snoop.endpoint_hit summed over the runs and user agents of a test.
CREATE VIEW snoop.release_endpoint_test_outcome AS
SELECT h.release, h.endpoint, h.test,
       sum(h.hits)::bigint AS hits,
       sum(h.hits_1xx)::bigint AS hits_1xx,
       sum(h.hits_2xx)::bigint AS hits_2xx,
       sum(h.hits_3xx)::bigint AS hits_3xx,
       sum(h.hits_4xx)::bigint AS hits_4xx,
       sum(h.hits_5xx)::bigint AS hits_5xx,
       sum(snoop.successful_hits(h.hits_1xx, h.hits_2xx)) > 0 AS success
  FROM snoop.endpoint_hit h
 WHERE h.run_id IN (SELECT id FROM snoop.current_run)
 GROUP BY h.release, h.endpoint, h.test;
COMMENT ON VIEW snoop.release_endpoint_test_outcome IS 'Per release, operation and test, the requests of the current runs by the status class of their response (snoop addition).';
COMMENT ON COLUMN snoop.release_endpoint_test_outcome.release IS 'Release of the runs.';
COMMENT ON COLUMN snoop.release_endpoint_test_outcome.endpoint IS 'operationId hit.';
COMMENT ON COLUMN snoop.release_endpoint_test_outcome.test IS 'The test (codename), '''' outside a test, null for other agents.';
COMMENT ON COLUMN snoop.release_endpoint_test_outcome.hits IS 'Requests.';
COMMENT ON COLUMN snoop.release_endpoint_test_outcome.hits_1xx IS 'Requests answered 1xx (101: an upgraded connection).';
COMMENT ON COLUMN snoop.release_endpoint_test_outcome.hits_2xx IS 'Requests answered 2xx.';
COMMENT ON COLUMN snoop.release_endpoint_test_outcome.hits_3xx IS 'Requests answered 3xx.';
COMMENT ON COLUMN snoop.release_endpoint_test_outcome.hits_4xx IS 'Requests answered 4xx.';
COMMENT ON COLUMN snoop.release_endpoint_test_outcome.hits_5xx IS 'Requests answered 5xx.';
COMMENT ON COLUMN snoop.release_endpoint_test_outcome.success IS 'At least one request succeeded (snoop.successful_hits).';
