-- What the release-blocking gate reads. conformance.new_endpoint judges eligibility by the latest
-- spec and counts hits of any release's runs, as APISnoop does for master; the gate may be asked
-- about any release, so this view judges each release by its own spec and counts only its own
-- current runs (the runs whose age and completeness the gate checks).
CREATE VIEW conformance.release_eligible_endpoint AS
SELECT o.release,
       o.endpoint,
       f.first_release::text AS first_release,
       o.http_method,
       o.path,
       o.k8s_kind AS kind,
       o.k8s_group AS "group",
       o.k8s_version AS version,
       o.level_rule,
       EXISTS (SELECT 1 FROM conformance.pending_eligible_endpoint p WHERE p.endpoint = o.endpoint) AS pending,
       coalesce(t.conformance_tests, '{}') AS conformance_tests,
       coalesce(t.other_tests, '{}') AS other_tests,
       coalesce(t.conformance_success_tests, '{}') AS conformance_success_tests
  FROM snoop.eligible_operation e
  JOIN public.open_api o ON o.release = e.release AND o.endpoint = e.endpoint
  CROSS JOIN LATERAL (SELECT min(a.release::semver) AS first_release
                        FROM public.open_api a
                       WHERE a.endpoint = o.endpoint) f
  -- Per operation, through the endpoint_hit (endpoint, release) index, after the release filter.
  -- A conformance test is one of the release's own or the newest conformance.yaml, as in
  -- snoop.conformance_hit.
  LEFT JOIN LATERAL (
        SELECT array_agg(DISTINCT x.test ORDER BY x.test) FILTER (WHERE x.conformance) AS conformance_tests,
               array_agg(DISTINCT x.test ORDER BY x.test) FILTER (WHERE NOT x.conformance) AS other_tests,
               array_agg(DISTINCT x.test ORDER BY x.test) FILTER (WHERE x.conformance AND x.success) AS conformance_success_tests
          FROM (SELECT h.test, h.success,
                       -- an uncorrelated IN: one hash table for the whole query
                       (h.release, h.test) IN (SELECT c.release, c.codename
                                                 FROM snoop.conformance_codename c) AS conformance
                  FROM snoop.release_endpoint_test_outcome h
                 WHERE h.endpoint = o.endpoint
                   AND h.release = o.release::semver
                   AND h.test <> ''
                OFFSET 0) x) t ON true;
COMMENT ON VIEW conformance.release_eligible_endpoint IS 'Per release, the operations its own spec makes eligible for conformance (snoop.eligible_operation), the release that first had each, and the tests that hit it in that release''s current runs. The gate reads it: new in R and no conformance test fails (snoop addition).';
COMMENT ON COLUMN conformance.release_eligible_endpoint.release IS 'The release whose spec and runs are judged.';
COMMENT ON COLUMN conformance.release_eligible_endpoint.endpoint IS 'The operationId.';
COMMENT ON COLUMN conformance.release_eligible_endpoint.first_release IS 'First release (semantic order) whose loaded spec has the operation, at any level.';
COMMENT ON COLUMN conformance.release_eligible_endpoint.http_method IS 'HTTP method of the operation.';
COMMENT ON COLUMN conformance.release_eligible_endpoint.path IS 'Path template.';
COMMENT ON COLUMN conformance.release_eligible_endpoint.kind IS 'Kubernetes kind.';
COMMENT ON COLUMN conformance.release_eligible_endpoint."group" IS 'Kubernetes group ('''' for the core group).';
COMMENT ON COLUMN conformance.release_eligible_endpoint.version IS 'Kubernetes version.';
COMMENT ON COLUMN conformance.release_eligible_endpoint.level_rule IS 'Level rule that made it stable: exact or apisnoop.';
COMMENT ON COLUMN conformance.release_eligible_endpoint.pending IS 'On the pending list: eligible, but given a grace period before it fails the gate.';
COMMENT ON COLUMN conformance.release_eligible_endpoint.conformance_tests IS 'Codenames of the conformance tests that hit it in the release''s current runs.';
COMMENT ON COLUMN conformance.release_eligible_endpoint.other_tests IS 'Other e2e tests that hit it in the release''s current runs: candidates for promotion.';
COMMENT ON COLUMN conformance.release_eligible_endpoint.conformance_success_tests IS 'Of conformance_tests, those with a successful request to it (snoop.successful_hits): what the gate counts when it requires success.';
