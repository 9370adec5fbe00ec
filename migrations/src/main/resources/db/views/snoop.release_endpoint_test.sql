-- The distinct tests of each release's current runs (null: agents other than e2e.test).
CREATE VIEW snoop.release_endpoint_test AS
SELECT DISTINCT h.release, h.endpoint, h.test
  FROM snoop.endpoint_hit h
 WHERE h.run_id IN (SELECT id FROM snoop.current_run);
COMMENT ON VIEW snoop.release_endpoint_test IS 'Which tests hit which operation in a release''s current runs; test is null for agents other than e2e.test, '''' for e2e.test outside a test.';
COMMENT ON COLUMN snoop.release_endpoint_test.release IS 'Release of the runs.';
COMMENT ON COLUMN snoop.release_endpoint_test.endpoint IS 'operationId hit.';
COMMENT ON COLUMN snoop.release_endpoint_test.test IS 'The test (codename), '''' outside a test, null for other agents.';
