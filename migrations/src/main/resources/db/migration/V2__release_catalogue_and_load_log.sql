CREATE TABLE snoop.release (
  release      semver PRIMARY KEY,
  release_date date,
  working      boolean NOT NULL DEFAULT false,
  CHECK (working OR release_date IS NOT NULL)
);
CREATE UNIQUE INDEX release_one_working ON snoop.release (working) WHERE working;
COMMENT ON TABLE snoop.release IS 'The release catalogue, from APISnoop''s releases.yaml: every Kubernetes release snoop knows, and which one is in development.';
COMMENT ON COLUMN snoop.release.release IS 'Release version, MAJOR.MINOR.PATCH (e.g. 1.34.0).';
COMMENT ON COLUMN snoop.release.release_date IS 'Date the release was published; null for the working release.';
COMMENT ON COLUMN snoop.release.working IS 'True for the one release in development (the first entry of releases.yaml); its spec comes from master.';

CREATE TABLE snoop.load_log (
  id        bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  kind      text NOT NULL CHECK (kind IN ('releases', 'spec', 'conformance', 'ineligible', 'pending')),
  release   semver,
  source    text NOT NULL,
  checksum  text NOT NULL,
  row_count integer NOT NULL,
  details   jsonb NOT NULL DEFAULT '{}',
  loaded_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX load_log_kind_release ON snoop.load_log (kind, release, loaded_at DESC);
COMMENT ON TABLE snoop.load_log IS 'One row per successful load of an input: what was loaded, from where, its checksum, when, and how many rows it gave.';
COMMENT ON COLUMN snoop.load_log.id IS 'Load number, increasing.';
COMMENT ON COLUMN snoop.load_log.kind IS 'What was loaded: releases, spec, conformance, ineligible or pending.';
COMMENT ON COLUMN snoop.load_log.release IS 'The release the input was loaded for; null for release-independent inputs.';
COMMENT ON COLUMN snoop.load_log.source IS 'Where the input came from: a local path or the URL it was fetched from.';
COMMENT ON COLUMN snoop.load_log.checksum IS 'sha256 of the input bytes, hex.';
COMMENT ON COLUMN snoop.load_log.row_count IS 'Rows the load wrote.';
COMMENT ON COLUMN snoop.load_log.details IS 'Load options and counts, e.g. {"level_rule": "exact", "format": "swagger-2.0"}.';
COMMENT ON COLUMN snoop.load_log.loaded_at IS 'When the load committed.';
