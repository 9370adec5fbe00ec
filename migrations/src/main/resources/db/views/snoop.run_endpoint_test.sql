-- Per stored run (every build, not only the current one), which tests hit which operation: what
-- a diff between two runs and the stability across builds compare.
CREATE VIEW snoop.run_endpoint_test AS
SELECT h.run_id, h.release, h.endpoint, h.test,
       EXISTS (SELECT 1 FROM snoop.conformance_codename c
                WHERE c.release = h.release AND c.codename = h.test) AS conformance,
       sum(h.hits)::bigint AS hits
  FROM snoop.endpoint_hit h
 WHERE h.test_hit
 GROUP BY h.run_id, h.release, h.endpoint, h.test;
COMMENT ON VIEW snoop.run_endpoint_test IS 'Per stored ingest run, each e2e test (e2e.test agent) that hit each operation, and whether it is a conformance test (snoop.conformance_codename).';
COMMENT ON COLUMN snoop.run_endpoint_test.run_id IS 'The run (snoop.ingest_run.id).';
COMMENT ON COLUMN snoop.run_endpoint_test.release IS 'Release of the run.';
COMMENT ON COLUMN snoop.run_endpoint_test.endpoint IS 'operationId hit.';
COMMENT ON COLUMN snoop.run_endpoint_test.test IS 'The test (codename), '''' for e2e.test outside a test.';
COMMENT ON COLUMN snoop.run_endpoint_test.conformance IS 'The test is a conformance test of the run''s release.';
COMMENT ON COLUMN snoop.run_endpoint_test.hits IS 'Requests of the test to the operation in the run.';
