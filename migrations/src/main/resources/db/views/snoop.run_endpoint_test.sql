-- Per stored run (every build, not only the current one), which tests hit which operation: what
-- a diff between two runs and the stability across builds compare. Whether a test is a
-- conformance test is looked up once per distinct codename (a hash join), not once per row.
CREATE VIEW snoop.run_endpoint_test AS
SELECT h.run_id, h.release, h.endpoint, h.test,
       c.codename IS NOT NULL AS conformance,
       h.hits, h.successful_hits
  FROM (SELECT e.run_id, e.release, e.endpoint, e.test,
               sum(e.hits)::bigint AS hits,
               sum(snoop.successful_hits(e.hits_1xx, e.hits_2xx))::bigint AS successful_hits
          FROM snoop.endpoint_hit e
         WHERE e.test_hit
         GROUP BY e.run_id, e.release, e.endpoint, e.test) h
  LEFT JOIN (SELECT DISTINCT cc.release, cc.codename FROM snoop.conformance_codename cc) c
    ON c.release = h.release AND c.codename = h.test;
COMMENT ON VIEW snoop.run_endpoint_test IS 'Per stored ingest run, each e2e test (e2e.test agent) that hit each operation, and whether it is a conformance test (snoop.conformance_codename).';
COMMENT ON COLUMN snoop.run_endpoint_test.run_id IS 'The run (snoop.ingest_run.id).';
COMMENT ON COLUMN snoop.run_endpoint_test.release IS 'Release of the run.';
COMMENT ON COLUMN snoop.run_endpoint_test.endpoint IS 'operationId hit.';
COMMENT ON COLUMN snoop.run_endpoint_test.test IS 'The test (codename), '''' for e2e.test outside a test.';
COMMENT ON COLUMN snoop.run_endpoint_test.conformance IS 'The test is a conformance test of the run''s release.';
COMMENT ON COLUMN snoop.run_endpoint_test.hits IS 'Requests of the test to the operation in the run.';
COMMENT ON COLUMN snoop.run_endpoint_test.successful_hits IS 'Of those, requests that succeeded (snoop.successful_hits): what makes the operation success-tested in the run.';
