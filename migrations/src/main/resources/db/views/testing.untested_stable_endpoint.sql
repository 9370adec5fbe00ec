CREATE VIEW testing.untested_stable_endpoint AS
-- endpoint_coverage's columns as APISnoop has them (not ec.*: snoop's later additions to
-- endpoint_coverage would come before eligible and change this view's shape).
SELECT ec.release, ec.endpoint, ec.level, ec.category, ec.path, ec.description, ec.kind,
       ec.version, ec."group", ec.action, ec.tested, ec.conf_tested, ec.tests, ec.level_rule,
       ec.hits,
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
