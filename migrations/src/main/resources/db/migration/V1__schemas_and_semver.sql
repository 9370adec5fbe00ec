-- Schemas as in APISnoop: public for the spec and audit data, conformance for eligibility and
-- progress, testing for live test writing. snoop holds what we add beyond APISnoop.
CREATE SCHEMA IF NOT EXISTS conformance;
COMMENT ON SCHEMA conformance IS 'Conformance tests, endpoint eligibility and conformance progress (APISnoop compatible).';
CREATE SCHEMA IF NOT EXISTS testing;
COMMENT ON SCHEMA testing IS 'Live test writing: audit events from a test cluster and the projected change in coverage (APISnoop compatible).';
CREATE SCHEMA IF NOT EXISTS snoop;
COMMENT ON SCHEMA snoop IS 'snoop''s own tables beyond APISnoop''s schema: the release catalogue and the load log.';

-- APISnoop orders releases with `release::semver` from the pg-semver extension, which the embedded
-- PostgreSQL does not ship. A text domain with an ICU collation that compares digit runs as numbers
-- gives the same order for MAJOR.MINOR.PATCH ('1.9.0' < '1.10.0') with no extension. Pre-release
-- suffixes are refused by the check rather than ordered wrongly.
CREATE COLLATION snoop.semver_order (provider = icu, locale = 'und-u-kn-true');
COMMENT ON COLLATION snoop.semver_order IS 'ICU collation with numeric ordering of digit runs, so 1.9.0 sorts before 1.10.0.';

CREATE DOMAIN public.semver AS text COLLATE snoop.semver_order
  CHECK (VALUE ~ '^(0|[1-9][0-9]*)\.(0|[1-9][0-9]*)\.(0|[1-9][0-9]*)$');
COMMENT ON DOMAIN public.semver IS 'A release version MAJOR.MINOR.PATCH that orders semantically: release::semver, e.g. order by release::semver.';
