CREATE TABLE snoop.ingest_run (
  id           bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  release      semver NOT NULL REFERENCES snoop.release (release),
  source       text NOT NULL,
  job          text,
  build_id     text,
  checksum     text NOT NULL,
  keep_raw     boolean NOT NULL,
  started_at   timestamptz NOT NULL,
  finished_at  timestamptz,
  duration_ms  bigint,
  events_read  bigint NOT NULL DEFAULT 0,
  requests     bigint NOT NULL DEFAULT 0,
  matched      bigint NOT NULL DEFAULT 0,
  problems     bigint NOT NULL DEFAULT 0,
  responses    jsonb NOT NULL DEFAULT '{}',
  unmatched    jsonb NOT NULL DEFAULT '{}',
  skipped      jsonb NOT NULL DEFAULT '{}',
  first_event  timestamptz,
  last_event   timestamptz
);
CREATE INDEX ingest_run_release_source ON snoop.ingest_run (release, source);
COMMENT ON TABLE snoop.ingest_run IS 'One row per committed audit ingest: what was read, from where, and what it gave. Ingesting the same source for the same release again replaces the run.';
COMMENT ON COLUMN snoop.ingest_run.id IS 'Run number; audit_event''s partition and endpoint_hit rows carry it.';
COMMENT ON COLUMN snoop.ingest_run.release IS 'Release whose spec the requests were matched against.';
COMMENT ON COLUMN snoop.ingest_run.source IS 'What was ingested: the files or URLs, or the Prow build URL.';
COMMENT ON COLUMN snoop.ingest_run.job IS 'Prow job name, for a Prow build source.';
COMMENT ON COLUMN snoop.ingest_run.build_id IS 'Prow build id, for a Prow build source.';
COMMENT ON COLUMN snoop.ingest_run.checksum IS 'sha256 over the bytes of every file read, in order.';
COMMENT ON COLUMN snoop.ingest_run.keep_raw IS 'Whether audit_event.data holds each event''s JSON (--keep-raw).';
COMMENT ON COLUMN snoop.ingest_run.started_at IS 'When the run started.';
COMMENT ON COLUMN snoop.ingest_run.finished_at IS 'When the run finished reading and writing (it committed just after).';
COMMENT ON COLUMN snoop.ingest_run.duration_ms IS 'Wall time of the run in milliseconds.';
COMMENT ON COLUMN snoop.ingest_run.events_read IS 'Audit events read, every stage counted.';
COMMENT ON COLUMN snoop.ingest_run.requests IS 'Requests (distinct auditID): each counts once whatever stages the policy logs.';
COMMENT ON COLUMN snoop.ingest_run.matched IS 'Requests mapped to an operation of the release''s spec.';
COMMENT ON COLUMN snoop.ingest_run.problems IS 'Lines or objects that could not be read as audit events.';
COMMENT ON COLUMN snoop.ingest_run.responses IS 'Events with a response, by status class: {"2xx": n, "3xx": n, "4xx": n, "5xx": n}.';
COMMENT ON COLUMN snoop.ingest_run.unmatched IS 'Requests mapped to no operation, by reason: {"non_api_path": n, "unknown_api_group": n, ...}.';
COMMENT ON COLUMN snoop.ingest_run.skipped IS 'Records read that are not audit events, by reason (e.g. a cloud audit record).';
COMMENT ON COLUMN snoop.ingest_run.first_event IS 'Earliest requestReceivedTimestamp seen.';
COMMENT ON COLUMN snoop.ingest_run.last_event IS 'Latest stageTimestamp seen.';

CREATE TABLE snoop.endpoint_hit (
  run_id           bigint NOT NULL REFERENCES snoop.ingest_run (id) ON DELETE CASCADE,
  release          semver NOT NULL,
  endpoint         text NOT NULL,
  useragent        text NOT NULL,
  test             text,
  test_hit         boolean NOT NULL,
  conf_test_hit    boolean NOT NULL,
  conformance_test boolean NOT NULL,
  hits             bigint NOT NULL,
  first_seen       timestamptz,
  last_seen        timestamptz,
  PRIMARY KEY (run_id, endpoint, useragent)
);
CREATE INDEX endpoint_hit_release_endpoint ON snoop.endpoint_hit (release, endpoint);
COMMENT ON TABLE snoop.endpoint_hit IS 'Per ingest run, how often each user agent hit each operation: the aggregate the coverage views read instead of raw events.';
COMMENT ON COLUMN snoop.endpoint_hit.run_id IS 'The ingest run.';
COMMENT ON COLUMN snoop.endpoint_hit.release IS 'Release of the run.';
COMMENT ON COLUMN snoop.endpoint_hit.endpoint IS 'operationId hit.';
COMMENT ON COLUMN snoop.endpoint_hit.useragent IS 'userAgent of the requests.';
COMMENT ON COLUMN snoop.endpoint_hit.test IS 'e2e test: the userAgent text after " -- " for e2e.test agents, else null.';
COMMENT ON COLUMN snoop.endpoint_hit.test_hit IS 'The userAgent is an e2e.test agent (APISnoop''s test_hit).';
COMMENT ON COLUMN snoop.endpoint_hit.conf_test_hit IS 'The userAgent contains [Conformance] (APISnoop''s conf_test_hit).';
COMMENT ON COLUMN snoop.endpoint_hit.conformance_test IS 'The test is, by exact codename, a conformance test of the release''s conformance.yaml.';
COMMENT ON COLUMN snoop.endpoint_hit.hits IS 'Requests.';
COMMENT ON COLUMN snoop.endpoint_hit.first_seen IS 'Earliest request time.';
COMMENT ON COLUMN snoop.endpoint_hit.last_seen IS 'Latest request time.';
