-- Of each source only its newest stored build counts, as APISnoop takes each job's latest
-- successful build (snoop.stored_build numbers them).
CREATE VIEW snoop.current_run AS
SELECT b.run_id AS id, b.release, b.source, b.job, b.build_id, b.finished_at, b.events_read,
       b.requests, b.matched
  FROM snoop.stored_build b
 WHERE b.newest = 1;
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
