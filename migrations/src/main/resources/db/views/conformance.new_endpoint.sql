-- What the gate reads: APISnoop's three columns, then what a report needs to explain each one.
CREATE VIEW conformance.new_endpoint AS
SELECT e.endpoint,
       r.release::text AS release,
       (tests.conformance_tests IS NOT NULL) AS tested,
       o.path,
       o.k8s_kind AS kind,
       o.k8s_group AS "group",
       o.k8s_version AS version,
       o.level_rule,
       EXISTS (SELECT 1 FROM conformance.pending_eligible_endpoint p WHERE p.endpoint = e.endpoint) AS pending,
       coalesce(tests.conformance_tests, '{}') AS conformance_tests,
       coalesce(tests.other_tests, '{}') AS other_tests
  FROM conformance.eligible_endpoint e
  JOIN (SELECT a.endpoint, min(a.release::semver) AS release
          FROM public.open_api a
         GROUP BY a.endpoint) r ON r.endpoint = e.endpoint
  JOIN snoop.latest_release l ON true
  JOIN public.open_api o ON o.release = l.release AND o.endpoint = e.endpoint
  -- Per endpoint, after the release filter: one release's new endpoints are looked at only. A
  -- conformance test is one of the run release's or the newest conformance.yaml, as in
  -- snoop.conformance_hit.
  LEFT JOIN LATERAL (
        SELECT array_agg(DISTINCT t.test ORDER BY t.test) FILTER (WHERE t.conformance) AS conformance_tests,
               array_agg(DISTINCT t.test ORDER BY t.test) FILTER (WHERE NOT t.conformance) AS other_tests
          FROM (SELECT h.test,
                       -- an uncorrelated IN: one hash table for the whole query
                       (h.release, h.test) IN (SELECT c.release, c.codename
                                                 FROM snoop.conformance_codename c) AS conformance
                  FROM snoop.release_endpoint_test h
                 WHERE h.endpoint = e.endpoint
                   AND h.test <> ''
                OFFSET 0) t) tests ON true
 ORDER BY r.release DESC, tested, e.endpoint;
COMMENT ON VIEW conformance.new_endpoint IS 'Eligible operations by the release that introduced them, and whether a conformance test hits them (APISnoop compatible; the gate reads it).';
COMMENT ON COLUMN conformance.new_endpoint.endpoint IS 'The operationId.';
COMMENT ON COLUMN conformance.new_endpoint.release IS 'Release that introduced it (first spec that has it).';
COMMENT ON COLUMN conformance.new_endpoint.tested IS 'Hit by a conformance test (by codename) in any release''s current runs.';
COMMENT ON COLUMN conformance.new_endpoint.path IS 'Path template in the latest spec (snoop addition).';
COMMENT ON COLUMN conformance.new_endpoint.kind IS 'Kubernetes kind (snoop addition).';
COMMENT ON COLUMN conformance.new_endpoint."group" IS 'Kubernetes group (snoop addition).';
COMMENT ON COLUMN conformance.new_endpoint.version IS 'Kubernetes version (snoop addition).';
COMMENT ON COLUMN conformance.new_endpoint.level_rule IS 'Level rule of the latest spec, which decided it is stable (snoop addition).';
COMMENT ON COLUMN conformance.new_endpoint.pending IS 'On the pending list: eligible, but given a grace period before it fails the gate (snoop addition).';
COMMENT ON COLUMN conformance.new_endpoint.conformance_tests IS 'Codenames of the conformance tests that hit it (snoop addition).';
COMMENT ON COLUMN conformance.new_endpoint.other_tests IS 'Other e2e tests that hit it: they might be promoted (snoop addition).';
