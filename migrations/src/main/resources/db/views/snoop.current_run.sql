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
