-- APISnoop's coverage views, same names and columns, reading the per-run aggregate snoop.endpoint_hit
-- instead of raw audit events, so they stay fast with tens of millions of events loaded.
-- Fixed on purpose, compared with APISnoop:
--  * the latest release is the highest release::semver of open_api (snoop.latest_release), in one
--    place; a release's coverage is the release asked for, never "the lowest release in audit_event";
--  * a conformance test counts by its codename in its own release's conformance.yaml as well as in
--    the newest one, so a renamed test keeps its coverage, and conformance.renamed_test reports it;
--  * endpoint_coverage shows the level rule that gave the levels (level_rule);
--  * only the current run of each source counts (snoop.current_run).
-- Extra columns are added after APISnoop's, so its queries keep working.

-- The views look up an operation's hits across releases (who tested it first, which tests hit it).
CREATE INDEX endpoint_hit_endpoint ON snoop.endpoint_hit (endpoint, release);

CREATE VIEW snoop.latest_release AS
SELECT release
  FROM public.open_api
 GROUP BY release
 ORDER BY release::semver DESC
 LIMIT 1;
COMMENT ON VIEW snoop.latest_release IS 'The highest release of open_api in semantic order: what APISnoop means by the latest (master) spec.';
COMMENT ON COLUMN snoop.latest_release.release IS 'The release.';

-- Ingest replaces a run of the same (release, source). A Prow job's builds are different sources,
-- so of one job only the newest build counts, as APISnoop takes each job's latest successful build.
CREATE VIEW snoop.current_run AS
SELECT DISTINCT ON (r.release, coalesce(r.job, r.source))
       r.id, r.release, r.source, r.job, r.build_id, r.finished_at, r.events_read, r.requests,
       r.matched
  FROM snoop.ingest_run r
 ORDER BY r.release, coalesce(r.job, r.source),
          CASE WHEN r.build_id ~ '^[0-9]{1,30}$' THEN r.build_id::numeric END DESC NULLS LAST,
          r.id DESC;
COMMENT ON VIEW snoop.current_run IS 'The ingest runs coverage counts: per release, every source, and of a Prow job only its newest build.';
COMMENT ON COLUMN snoop.current_run.id IS 'The run (snoop.ingest_run.id).';
COMMENT ON COLUMN snoop.current_run.release IS 'Release of the run.';
COMMENT ON COLUMN snoop.current_run.source IS 'What was ingested: files, URLs, or the Prow build URL.';
COMMENT ON COLUMN snoop.current_run.job IS 'Prow job name, for a Prow build source.';
COMMENT ON COLUMN snoop.current_run.build_id IS 'Prow build id, for a Prow build source.';
COMMENT ON COLUMN snoop.current_run.finished_at IS 'When the run finished.';
COMMENT ON COLUMN snoop.current_run.events_read IS 'Audit events read.';
COMMENT ON COLUMN snoop.current_run.requests IS 'Requests (distinct auditID).';
COMMENT ON COLUMN snoop.current_run.matched IS 'Requests mapped to an operation of the spec.';

-- Which conformance test a codename seen in release R's audit logs is: R's own conformance.yaml
-- first, then the newest list. APISnoop matched the newest list only, so a test renamed since R
-- silently lost its coverage.
CREATE VIEW snoop.conformance_codename AS
SELECT rt.list_release AS release, rt.codename, rt.testname, rt.file,
       rt.release AS promotion_release, rt.list_release,
       EXISTS (SELECT 1 FROM conformance.test n WHERE n.codename = rt.codename) AS in_newest_list
  FROM conformance.release_test rt
UNION ALL
SELECT r.release, n.codename, n.testname, n.file, n.release AS promotion_release, n.list_release,
       true AS in_newest_list
  FROM (SELECT DISTINCT release FROM snoop.ingest_run) r
  JOIN conformance.release_test n
    ON n.list_release = (SELECT max(list_release) FROM conformance.release_test)
 WHERE NOT EXISTS (SELECT 1 FROM conformance.release_test own
                    WHERE own.list_release = r.release AND own.codename = n.codename);
COMMENT ON VIEW snoop.conformance_codename IS 'Per release, every conformance test codename that counts for its audit logs: those of the release''s own conformance.yaml and of the newest one.';
COMMENT ON COLUMN snoop.conformance_codename.release IS 'Release of the audit logs.';
COMMENT ON COLUMN snoop.conformance_codename.codename IS 'Full ginkgo text as in the e2e.test userAgent.';
COMMENT ON COLUMN snoop.conformance_codename.testname IS 'Short test name.';
COMMENT ON COLUMN snoop.conformance_codename.file IS 'Source file of the test.';
COMMENT ON COLUMN snoop.conformance_codename.promotion_release IS 'Release the test was promoted to conformance in (X.Y.0).';
COMMENT ON COLUMN snoop.conformance_codename.list_release IS 'The conformance.yaml it comes from: the release''s own when it lists the codename, else the newest.';
COMMENT ON COLUMN snoop.conformance_codename.in_newest_list IS 'Whether the newest conformance.yaml has this codename; false for a test renamed or dropped since.';

-- The distinct tests of each release's current runs (null: agents other than e2e.test).
CREATE VIEW snoop.release_endpoint_test AS
SELECT DISTINCT h.release, h.endpoint, h.test
  FROM snoop.endpoint_hit h
 WHERE h.run_id IN (SELECT id FROM snoop.current_run);
COMMENT ON VIEW snoop.release_endpoint_test IS 'Which tests hit which operation in a release''s current runs; test is null for agents other than e2e.test, '''' for e2e.test outside a test.';
COMMENT ON COLUMN snoop.release_endpoint_test.release IS 'Release of the runs.';
COMMENT ON COLUMN snoop.release_endpoint_test.endpoint IS 'operationId hit.';
COMMENT ON COLUMN snoop.release_endpoint_test.test IS 'The test (codename), '''' outside a test, null for other agents.';

-- Endpoints hit by conformance tests, by codename (what progress and the gate count).
CREATE VIEW snoop.conformance_hit AS
SELECT t.release, t.endpoint, c.codename, c.testname, c.file, c.promotion_release,
       EXISTS (SELECT 1 FROM conformance.test n WHERE n.codename = t.test) AS in_newest_list
  FROM snoop.release_endpoint_test t
  -- The release's own conformance.yaml first, then the newest (as snoop.conformance_codename),
  -- looked up per row through the primary key, so asking for one endpoint stays cheap; the IN
  -- (one hash table per query) spares the lookup for the many tests that are no conformance tests.
  CROSS JOIN LATERAL (
        SELECT rt.codename, rt.testname, rt.file, rt.release AS promotion_release
          FROM conformance.release_test rt
         WHERE rt.codename = t.test
           AND (rt.list_release = t.release
                OR rt.list_release = (SELECT max(list_release) FROM conformance.release_test))
         ORDER BY (rt.list_release = t.release) DESC
         LIMIT 1) c
 WHERE (t.release, t.test) IN (SELECT cc.release, cc.codename FROM snoop.conformance_codename cc);
COMMENT ON VIEW snoop.conformance_hit IS 'Per release, each operation hit by a conformance test (by codename in the release''s or the newest conformance.yaml) in the current runs.';
COMMENT ON COLUMN snoop.conformance_hit.release IS 'Release of the runs.';
COMMENT ON COLUMN snoop.conformance_hit.endpoint IS 'operationId hit.';
COMMENT ON COLUMN snoop.conformance_hit.codename IS 'The test''s codename as in the userAgent.';
COMMENT ON COLUMN snoop.conformance_hit.testname IS 'Short test name.';
COMMENT ON COLUMN snoop.conformance_hit.file IS 'Source file of the test.';
COMMENT ON COLUMN snoop.conformance_hit.promotion_release IS 'Release the test was promoted to conformance in.';
COMMENT ON COLUMN snoop.conformance_hit.in_newest_list IS 'Whether the newest conformance.yaml has this codename.';

CREATE VIEW public.endpoint_coverage AS
SELECT o.release, o.endpoint, o.level, o.category, o.path, o.description,
       o.k8s_kind AS kind, o.k8s_version AS version, o.k8s_group AS "group", o.k8s_action AS action,
       coalesce(h.tested, false) AS tested,
       coalesce(h.conf_tested, false) AS conf_tested,
       coalesce(h.tests, ARRAY[NULL]::text[]) AS tests,
       o.level_rule,
       coalesce(h.hits, 0)::bigint AS hits
  FROM public.open_api o
  LEFT JOIN LATERAL (
        SELECT bool_or(e.test_hit) AS tested,
               bool_or(e.conf_test_hit) AS conf_tested,
               array_agg(DISTINCT e.test) AS tests,
               sum(e.hits) AS hits
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

CREATE VIEW public.audit_event_test AS
SELECT t.release::text AS release,
       t.test,
       (c.codename IS NOT NULL) AS conformance_test,
       c.testname,
       c.file,
       c.promotion_release::text AS promotion_release,
       c.in_newest_list
  FROM (SELECT DISTINCT release, test FROM snoop.release_endpoint_test WHERE test IS NOT NULL) t
  LEFT JOIN snoop.conformance_codename c ON c.release = t.release AND c.codename = t.test;
COMMENT ON VIEW public.audit_event_test IS 'Every test in the audit runs of a release, with its conformance details (APISnoop compatible).';
COMMENT ON COLUMN public.audit_event_test.release IS 'Release of the audit runs the test is seen in.';
COMMENT ON COLUMN public.audit_event_test.test IS 'The test as it appears in the userAgent: the codename of conformance.yaml.';
COMMENT ON COLUMN public.audit_event_test.conformance_test IS 'Whether it is a conformance test, by codename in the release''s or the newest conformance.yaml.';
COMMENT ON COLUMN public.audit_event_test.testname IS 'For a conformance test its name in conformance.yaml, else null.';
COMMENT ON COLUMN public.audit_event_test.file IS 'For a conformance test the file defining it, else null.';
COMMENT ON COLUMN public.audit_event_test.promotion_release IS 'For a conformance test the release it was promoted in, else null.';
COMMENT ON COLUMN public.audit_event_test.in_newest_list IS 'For a conformance test, whether the newest conformance.yaml still has the codename (false: renamed or dropped; APISnoop would not count it) (snoop addition).';

CREATE VIEW conformance.renamed_test AS
SELECT x.release, x.codename, x.testname, x.file, x.newest_codename, x.endpoints
  FROM (SELECT own.list_release::text AS release, own.codename, own.testname, own.file,
               (SELECT n.codename FROM conformance.test n
                 WHERE n.testname = own.testname AND n.file IS NOT DISTINCT FROM own.file
                 ORDER BY n.codename LIMIT 1) AS newest_codename,
               (SELECT count(DISTINCT h.endpoint) FROM snoop.endpoint_hit h
                 WHERE h.release = own.list_release AND h.test = own.codename
                   AND h.run_id IN (SELECT id FROM snoop.current_run)) AS endpoints
          -- usually none; OFFSET 0 makes the lists be checked before any hit is counted
          FROM (SELECT * FROM conformance.release_test r
                 WHERE NOT EXISTS (SELECT 1 FROM conformance.test n WHERE n.codename = r.codename)
                OFFSET 0) own) x
 WHERE x.endpoints > 0;
COMMENT ON VIEW conformance.renamed_test IS 'Conformance tests seen in audit runs under a codename the newest conformance.yaml no longer has (renamed or dropped). snoop still counts them; APISnoop silently did not (snoop addition).';
COMMENT ON COLUMN conformance.renamed_test.release IS 'Release of the audit runs, whose own conformance.yaml lists the codename.';
COMMENT ON COLUMN conformance.renamed_test.codename IS 'Codename in the audit log and in the release''s own conformance.yaml.';
COMMENT ON COLUMN conformance.renamed_test.testname IS 'Short test name.';
COMMENT ON COLUMN conformance.renamed_test.file IS 'Source file of the test.';
COMMENT ON COLUMN conformance.renamed_test.newest_codename IS 'Codename of the test with the same name and file in the newest conformance.yaml; null when it was dropped.';
COMMENT ON COLUMN conformance.renamed_test.endpoints IS 'Operations it hit.';

CREATE VIEW conformance.eligible_endpoint AS
SELECT o.endpoint
  FROM public.open_api o
  JOIN snoop.latest_release l ON l.release = o.release
 WHERE o.level = 'stable'
   AND o.deprecated IS NOT true
   AND NOT EXISTS (SELECT 1 FROM conformance.ineligible_endpoint i WHERE i.endpoint = o.endpoint);
COMMENT ON VIEW conformance.eligible_endpoint IS 'Stable, non-deprecated operations of the latest spec that are not on the ineligible list: those conformance tests can and should cover (APISnoop compatible).';
COMMENT ON COLUMN conformance.eligible_endpoint.endpoint IS 'The operationId, as in open_api.';

CREATE VIEW conformance.eligible_endpoint_coverage AS
SELECT e.endpoint,
       t.first_release::text AS first_conformance_test,
       t.testname AS test,
       t.codename,
       t.file,
       r.release::text AS first_release,
       coalesce(t.releases, '{}'::semver[]) AS all_test_releases
  FROM conformance.eligible_endpoint e
  JOIN (SELECT o.endpoint, min(o.release::semver) AS release
          FROM public.open_api o
         GROUP BY o.endpoint) r ON r.endpoint = e.endpoint
  -- Per endpoint, so a query for one release's new endpoints only looks at those.
  LEFT JOIN LATERAL (
        SELECT (array_agg(h.promotion_release ORDER BY h.promotion_release, h.codename))[1] AS first_release,
               (array_agg(h.testname ORDER BY h.promotion_release, h.codename))[1] AS testname,
               (array_agg(h.codename ORDER BY h.promotion_release, h.codename))[1] AS codename,
               (array_agg(h.file ORDER BY h.promotion_release, h.codename))[1] AS file,
               array_agg(DISTINCT h.promotion_release ORDER BY h.promotion_release) AS releases
          FROM snoop.conformance_hit h
         WHERE h.endpoint = e.endpoint) t ON true;
COMMENT ON VIEW conformance.eligible_endpoint_coverage IS 'For each eligible operation, its first release and the conformance tests that hit it in any release''s audit runs (APISnoop compatible; a plain view, not a materialized one).';
COMMENT ON COLUMN conformance.eligible_endpoint_coverage.endpoint IS 'The operationId.';
COMMENT ON COLUMN conformance.eligible_endpoint_coverage.first_conformance_test IS 'Promotion release of the earliest conformance test that hits it; may be before first_release.';
COMMENT ON COLUMN conformance.eligible_endpoint_coverage.test IS 'Name of that first test, as in conformance.yaml.';
COMMENT ON COLUMN conformance.eligible_endpoint_coverage.codename IS 'That first test as in the userAgent.';
COMMENT ON COLUMN conformance.eligible_endpoint_coverage.file IS 'File defining that first test.';
COMMENT ON COLUMN conformance.eligible_endpoint_coverage.first_release IS 'First release (semantic order) whose spec has the operation, at any level.';
COMMENT ON COLUMN conformance.eligible_endpoint_coverage.all_test_releases IS 'Promotion releases of all conformance tests that hit it.';

CREATE VIEW conformance.progress AS
WITH coverage AS MATERIALIZED (  -- once, not once per release
  SELECT * FROM conformance.eligible_endpoint_coverage
), endpoints_per_release AS (
  SELECT o.release, o.endpoint
    FROM public.open_api o
    JOIN conformance.eligible_endpoint USING (endpoint)
)
SELECT epr.release::semver AS release,
       count(*) FILTER (WHERE epr.release = c.first_release) AS new_endpoints,
       (SELECT count(*) FROM conformance.test t WHERE t.release = epr.release) AS new_tests,
       count(*) FILTER (WHERE epr.release = c.first_release
                          AND c.all_test_releases @> ARRAY[epr.release::semver]) AS new_endpoints_promoted_with_tests,
       count(*) FILTER (WHERE epr.release = c.first_release
                          AND c.first_conformance_test = c.first_release) AS new_endpoints_covered_by_new_tests,
       count(*) FILTER (WHERE epr.release = c.first_release
                          AND c.first_conformance_test::semver < epr.release::semver) AS new_endpoints_covered_by_old_tests,
       count(*) FILTER (WHERE c.first_release::semver < epr.release::semver
                          AND c.first_conformance_test = epr.release) AS old_endpoints_covered_by_new_tests,
       count(*) AS total_endpoints,
       count(*) FILTER (WHERE c.first_release::semver <= epr.release::semver
                          AND c.first_conformance_test::semver <= epr.release::semver) AS total_tested_endpoints,
       count(*) FILTER (WHERE epr.release = c.first_release
                          AND c.first_conformance_test IS NULL) AS endpoints_still_untested_today
  FROM endpoints_per_release epr
  LEFT JOIN coverage c USING (endpoint)
 WHERE epr.release::semver >= '1.8.0'::semver
 GROUP BY epr.release
 ORDER BY epr.release::semver;
COMMENT ON VIEW conformance.progress IS 'Per release from 1.8.0, its eligible operations (as judged by the latest spec) and how conformance tests cover them (APISnoop compatible).';
COMMENT ON COLUMN conformance.progress.release IS 'The release.';
COMMENT ON COLUMN conformance.progress.new_endpoints IS 'Eligible operations first seen in this release.';
COMMENT ON COLUMN conformance.progress.new_tests IS 'Tests of the newest conformance.yaml promoted in this release.';
COMMENT ON COLUMN conformance.progress.new_endpoints_promoted_with_tests IS 'New operations hit by a test promoted in this release: operation and test promoted together.';
COMMENT ON COLUMN conformance.progress.new_endpoints_covered_by_new_tests IS 'New operations whose first conformance test was promoted in this release.';
COMMENT ON COLUMN conformance.progress.new_endpoints_covered_by_old_tests IS 'New operations first hit by a test promoted earlier.';
COMMENT ON COLUMN conformance.progress.old_endpoints_covered_by_new_tests IS 'Older operations whose first conformance test was promoted in this release: technical debt paid.';
COMMENT ON COLUMN conformance.progress.total_endpoints IS 'Eligible operations present in this release.';
COMMENT ON COLUMN conformance.progress.total_tested_endpoints IS 'Of those, operations hit by a conformance test promoted in this release or earlier.';
COMMENT ON COLUMN conformance.progress.endpoints_still_untested_today IS 'New operations of this release that no conformance test hits to this day.';

CREATE VIEW conformance.coverage_per_release AS
WITH coverage AS MATERIALIZED (  -- once, not once per release
  SELECT * FROM conformance.eligible_endpoint_coverage
), endpoints_per_release AS (
  SELECT o.release, o.endpoint
    FROM public.open_api o
    JOIN conformance.eligible_endpoint USING (endpoint)
), counts AS (
  SELECT epr.release::semver AS release,
         count(*) FILTER (WHERE epr.release = c.first_release) AS new_endpoints,
         count(*) FILTER (WHERE epr.release = c.first_release AND c.first_conformance_test IS NOT NULL) AS tested,
         count(*) FILTER (WHERE epr.release = c.first_release AND c.first_conformance_test IS NULL) AS untested
    FROM endpoints_per_release epr
    LEFT JOIN coverage c USING (endpoint)
   GROUP BY epr.release
)
SELECT release,
       new_endpoints AS "new endpoints",
       tested,
       untested,
       sum(tested) OVER (ORDER BY release) AS "total tested",
       sum(untested) OVER (ORDER BY release) AS "total untested",
       sum(new_endpoints) OVER (ORDER BY release) AS "total endpoints"
  FROM counts
 ORDER BY release;
COMMENT ON VIEW conformance.coverage_per_release IS 'Per release, how many eligible operations it introduced and how many of those conformance tests hit today, with running totals (APISnoop compatible).';
COMMENT ON COLUMN conformance.coverage_per_release.release IS 'The release.';
COMMENT ON COLUMN conformance.coverage_per_release."new endpoints" IS 'Eligible operations first seen in this release.';
COMMENT ON COLUMN conformance.coverage_per_release.tested IS 'Of those, hit by a conformance test today.';
COMMENT ON COLUMN conformance.coverage_per_release.untested IS 'Of those, hit by no conformance test today.';
COMMENT ON COLUMN conformance.coverage_per_release."total tested" IS 'Tested operations introduced in this release or earlier.';
COMMENT ON COLUMN conformance.coverage_per_release."total untested" IS 'Untested operations introduced in this release or earlier.';
COMMENT ON COLUMN conformance.coverage_per_release."total endpoints" IS 'Eligible operations introduced in this release or earlier.';

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

CREATE VIEW testing.untested_stable_endpoint AS
SELECT ec.*,
       EXISTS (SELECT 1 FROM conformance.eligible_endpoint ee WHERE ee.endpoint = ec.endpoint) AS eligible
  FROM public.endpoint_coverage ec
  JOIN snoop.latest_release l ON l.release = ec.release
 WHERE ec.level = 'stable'
   AND ec.tested IS false
 ORDER BY ec.endpoint DESC;
COMMENT ON VIEW testing.untested_stable_endpoint IS 'Stable operations of the latest release that no e2e test hits (APISnoop compatible).';
COMMENT ON COLUMN testing.untested_stable_endpoint.release IS 'The latest release.';
COMMENT ON COLUMN testing.untested_stable_endpoint.endpoint IS 'The operationId.';
COMMENT ON COLUMN testing.untested_stable_endpoint.level IS 'stable.';
COMMENT ON COLUMN testing.untested_stable_endpoint.category IS 'Endpoint category.';
COMMENT ON COLUMN testing.untested_stable_endpoint.path IS 'The path template.';
COMMENT ON COLUMN testing.untested_stable_endpoint.description IS 'The operation''s description.';
COMMENT ON COLUMN testing.untested_stable_endpoint.kind IS 'Kubernetes kind.';
COMMENT ON COLUMN testing.untested_stable_endpoint.version IS 'Kubernetes version.';
COMMENT ON COLUMN testing.untested_stable_endpoint."group" IS 'Kubernetes group.';
COMMENT ON COLUMN testing.untested_stable_endpoint.action IS 'x-kubernetes-action.';
COMMENT ON COLUMN testing.untested_stable_endpoint.tested IS 'false.';
COMMENT ON COLUMN testing.untested_stable_endpoint.conf_tested IS 'Hit by a user agent containing [Conformance].';
COMMENT ON COLUMN testing.untested_stable_endpoint.tests IS 'Tests that hit it (null: other agents).';
COMMENT ON COLUMN testing.untested_stable_endpoint.level_rule IS 'Level rule of the release.';
COMMENT ON COLUMN testing.untested_stable_endpoint.hits IS 'Requests to it.';
COMMENT ON COLUMN testing.untested_stable_endpoint.eligible IS 'Whether it is eligible for conformance.';

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

CREATE VIEW testing.projected_change_in_coverage AS
WITH baseline AS (
  SELECT count(*) AS total_endpoints,
         count(*) FILTER (WHERE ec.tested) AS tested_endpoints
    FROM public.endpoint_coverage ec
    JOIN snoop.latest_release l ON l.release = ec.release
), newly_hit AS (
  SELECT count(DISTINCT a.endpoint) AS endpoints_hit
    FROM testing.audit_event a
    JOIN public.endpoint_coverage ec ON ec.endpoint = a.endpoint AND NOT ec.tested
    JOIN snoop.latest_release l ON l.release = ec.release
   WHERE a.useragent LIKE 'live%'
)
SELECT 'test_coverage'::text AS category,
       b.total_endpoints,
       b.tested_endpoints AS old_coverage,
       b.tested_endpoints + n.endpoints_hit AS new_coverage,
       n.endpoints_hit AS change_in_number
  FROM baseline b, newly_hit n;
COMMENT ON VIEW testing.projected_change_in_coverage IS 'How the latest release''s e2e coverage would grow with the operations a test being written hits (APISnoop compatible).';
COMMENT ON COLUMN testing.projected_change_in_coverage.category IS 'Always test_coverage.';
COMMENT ON COLUMN testing.projected_change_in_coverage.total_endpoints IS 'Non-deprecated operations of the latest release.';
COMMENT ON COLUMN testing.projected_change_in_coverage.old_coverage IS 'Of those, hit by e2e tests.';
COMMENT ON COLUMN testing.projected_change_in_coverage.new_coverage IS 'Plus those hit only by the new test.';
COMMENT ON COLUMN testing.projected_change_in_coverage.change_in_number IS 'Operations the new test adds.';
