CREATE VIEW public.endpoint_coverage AS
SELECT o.release, o.endpoint, o.level, o.category, o.path, o.description,
       o.k8s_kind AS kind, o.k8s_version AS version, o.k8s_group AS "group", o.k8s_action AS action,
       coalesce(h.tested, false) AS tested,
       coalesce(h.conf_tested, false) AS conf_tested,
       coalesce(h.tests, ARRAY[NULL]::text[]) AS tests,
       o.level_rule,
       coalesce(h.hits, 0)::bigint AS hits,
       coalesce(h.success_tested, false) AS success_tested,
       coalesce(h.conf_success_tested, false) AS conf_success_tested,
       coalesce(h.hits_1xx, 0)::bigint AS hits_1xx,
       coalesce(h.hits_2xx, 0)::bigint AS hits_2xx,
       coalesce(h.hits_3xx, 0)::bigint AS hits_3xx,
       coalesce(h.hits_4xx, 0)::bigint AS hits_4xx,
       coalesce(h.hits_5xx, 0)::bigint AS hits_5xx
  FROM public.open_api o
  LEFT JOIN LATERAL (
        SELECT bool_or(e.test_hit) AS tested,
               bool_or(e.conf_test_hit) AS conf_tested,
               array_agg(DISTINCT e.test) AS tests,
               sum(e.hits) AS hits,
               bool_or(e.test_hit AND snoop.successful_hits(e.hits_1xx, e.hits_2xx) > 0) AS success_tested,
               bool_or(e.conf_test_hit AND snoop.successful_hits(e.hits_1xx, e.hits_2xx) > 0) AS conf_success_tested,
               sum(e.hits_1xx) AS hits_1xx,
               sum(e.hits_2xx) AS hits_2xx,
               sum(e.hits_3xx) AS hits_3xx,
               sum(e.hits_4xx) AS hits_4xx,
               sum(e.hits_5xx) AS hits_5xx
          FROM snoop.endpoint_hit e
         WHERE e.release = o.release::semver
           AND e.endpoint = o.endpoint
           AND e.run_id IN (SELECT id FROM snoop.current_run)) h ON true
 WHERE o.deprecated IS false;
COMMENT ON VIEW public.endpoint_coverage IS 'Coverage of every non-deprecated operation of a release by that release''s audit runs (APISnoop compatible; reads snoop.endpoint_hit, not raw events).';
COMMENT ON COLUMN public.endpoint_coverage.release IS 'The open_api release.';
COMMENT ON COLUMN public.endpoint_coverage.endpoint IS 'The operationId.';
COMMENT ON COLUMN public.endpoint_coverage.level IS 'alpha, beta or stable, by the rule in level_rule.';
COMMENT ON COLUMN public.endpoint_coverage.category IS 'Endpoint category, roughly its group, from the first tag in the spec.';
COMMENT ON COLUMN public.endpoint_coverage.path IS 'The path template.';
COMMENT ON COLUMN public.endpoint_coverage.description IS 'The operation''s description.';
COMMENT ON COLUMN public.endpoint_coverage.kind IS 'Kubernetes kind (x-kubernetes-group-version-kind).';
COMMENT ON COLUMN public.endpoint_coverage.version IS 'Kubernetes version (x-kubernetes-group-version-kind).';
COMMENT ON COLUMN public.endpoint_coverage."group" IS 'Kubernetes group (x-kubernetes-group-version-kind).';
COMMENT ON COLUMN public.endpoint_coverage.action IS 'x-kubernetes-action, roughly the HTTP method.';
COMMENT ON COLUMN public.endpoint_coverage.tested IS 'Hit at least once by an e2e.test user agent.';
COMMENT ON COLUMN public.endpoint_coverage.conf_tested IS 'Hit at least once by a user agent containing [Conformance].';
COMMENT ON COLUMN public.endpoint_coverage.tests IS 'The distinct tests that hit it; null stands for other agents (or no hit at all), '''' for e2e.test outside a test.';
COMMENT ON COLUMN public.endpoint_coverage.level_rule IS 'The level rule that gave level: exact or apisnoop (snoop addition).';
COMMENT ON COLUMN public.endpoint_coverage.hits IS 'Requests to it in the release''s current runs (snoop addition).';
COMMENT ON COLUMN public.endpoint_coverage.success_tested IS 'Hit at least once by an e2e.test user agent with a success (2xx, or 101 for an upgraded connection: snoop.successful_hits) (snoop addition).';
COMMENT ON COLUMN public.endpoint_coverage.conf_success_tested IS 'Hit at least once by a user agent containing [Conformance] with a success (snoop addition).';
COMMENT ON COLUMN public.endpoint_coverage.hits_1xx IS 'Requests answered 1xx (101: an upgraded exec, attach or port-forward), any agent, current runs (snoop addition).';
COMMENT ON COLUMN public.endpoint_coverage.hits_2xx IS 'Requests answered 2xx, any agent, current runs (snoop addition).';
COMMENT ON COLUMN public.endpoint_coverage.hits_3xx IS 'Requests answered 3xx, any agent, current runs (snoop addition).';
COMMENT ON COLUMN public.endpoint_coverage.hits_4xx IS 'Requests answered 4xx, any agent, current runs (snoop addition).';
COMMENT ON COLUMN public.endpoint_coverage.hits_5xx IS 'Requests answered 5xx, any agent, current runs (snoop addition).';
