-- Every stored ingest run as a build of its source. Ingest replaces a run of the same (release,
-- source); a Prow job's builds are different sources, so a job keeps as many runs as builds were
-- ingested. newest orders them: 1 is the newest build (build ids compared as numbers, then the
-- newest run), the one coverage counts (snoop.current_run).
CREATE VIEW snoop.stored_build AS
SELECT r.id AS run_id, r.release, coalesce(r.job, r.source) AS source_name, r.source, r.job,
       r.build_id, r.finished_at, r.events_read, r.requests, r.matched,
       row_number() OVER (
         PARTITION BY r.release, coalesce(r.job, r.source)
         ORDER BY CASE WHEN r.build_id ~ '^[0-9]{1,30}$' THEN r.build_id::numeric END DESC NULLS LAST,
                  r.id DESC) AS newest
  FROM snoop.ingest_run r;
COMMENT ON VIEW snoop.stored_build IS 'Every stored ingest run as a build of its source (a Prow job, else the source as ingested), numbered from the newest.';
COMMENT ON COLUMN snoop.stored_build.run_id IS 'The run (snoop.ingest_run.id).';
COMMENT ON COLUMN snoop.stored_build.release IS 'Release of the run.';
COMMENT ON COLUMN snoop.stored_build.source_name IS 'The Prow job, else the source as ingested: the builds of one name are one series.';
COMMENT ON COLUMN snoop.stored_build.source IS 'What was ingested: files, URLs, or the Prow build URL.';
COMMENT ON COLUMN snoop.stored_build.job IS 'Prow job name, for a Prow build source.';
COMMENT ON COLUMN snoop.stored_build.build_id IS 'Prow build id, for a Prow build source.';
COMMENT ON COLUMN snoop.stored_build.finished_at IS 'When the run finished.';
COMMENT ON COLUMN snoop.stored_build.events_read IS 'Audit events read.';
COMMENT ON COLUMN snoop.stored_build.requests IS 'Requests (distinct auditID).';
COMMENT ON COLUMN snoop.stored_build.matched IS 'Requests mapped to an operation of the spec.';
COMMENT ON COLUMN snoop.stored_build.newest IS '1 for the newest build of its source (the one coverage counts), 2 for the one before, ...';
