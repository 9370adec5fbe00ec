-- The job engine's one durable record: a row per run of a job, shaped as Prow's ProwJob (its spec as
-- Prow writes it, its status fields as columns). Every engine loop re-reads these rows and converges,
-- so a crash or a restart loses nothing, and several engines can share one database.
CREATE TABLE snoop.prow_job (
  id                  text PRIMARY KEY,
  job                 text NOT NULL,
  type                text NOT NULL CHECK (type IN ('presubmit', 'postsubmit', 'periodic', 'batch')),
  state               text NOT NULL CHECK (state IN ('triggered', 'pending', 'success', 'failure', 'aborted', 'error')),
  build_id            bigint NOT NULL UNIQUE CHECK (build_id > 0),
  context             text,
  org                 text,
  repo                text,
  base_ref            text,
  base_sha            text,
  pull_number         integer,
  pull_sha            text,
  pull_author         text,
  spec                jsonb NOT NULL,
  labels              jsonb NOT NULL DEFAULT '{}',
  annotations         jsonb NOT NULL DEFAULT '{}',
  executor            text NOT NULL,
  start_time          timestamptz NOT NULL,
  pending_time        timestamptz,
  completion_time     timestamptz,
  description         text,
  url                 text,
  pod_name            text,
  prev_report_states  jsonb NOT NULL DEFAULT '{}',
  owner               text,
  lease_until         timestamptz,
  event_guid          text,
  CHECK ((state IN ('triggered', 'pending')) = (completion_time IS NULL) OR state = 'aborted')
);
CREATE INDEX prow_job_incomplete ON snoop.prow_job (job, start_time) WHERE completion_time IS NULL;
CREATE INDEX prow_job_pull ON snoop.prow_job (org, repo, pull_number) WHERE completion_time IS NULL;
CREATE INDEX prow_job_history ON snoop.prow_job (job, build_id DESC);

COMMENT ON TABLE snoop.prow_job IS 'The job engine''s runs, one row per run of a job (a ProwJob in Prow): triggered, then pending while it runs, then success, failure, aborted or error.';
COMMENT ON COLUMN snoop.prow_job.id IS 'The run''s id, a UUID: the ProwJob''s metadata.name and the name of its pod.';
COMMENT ON COLUMN snoop.prow_job.job IS 'The job''s name in the job config.';
COMMENT ON COLUMN snoop.prow_job.type IS 'presubmit, postsubmit, periodic or batch, as Prow names them.';
COMMENT ON COLUMN snoop.prow_job.state IS 'Prow''s state: triggered (queued), pending (running), success, failure, aborted or error. A run is complete when completion_time is set (an aborted run is complete once its workload is stopped).';
COMMENT ON COLUMN snoop.prow_job.build_id IS 'Prow''s build id: a snowflake, numeric and growing with time, so TestGrid and Spyglass sort builds by it.';
COMMENT ON COLUMN snoop.prow_job.context IS 'The GitHub status context the run reports to (presubmits and postsubmits).';
COMMENT ON COLUMN snoop.prow_job.org IS 'refs.org: the GitHub organisation of the repository under test.';
COMMENT ON COLUMN snoop.prow_job.repo IS 'refs.repo: the repository under test.';
COMMENT ON COLUMN snoop.prow_job.base_ref IS 'refs.base_ref: the branch.';
COMMENT ON COLUMN snoop.prow_job.base_sha IS 'refs.base_sha: the branch''s commit.';
COMMENT ON COLUMN snoop.prow_job.pull_number IS 'refs.pulls[0].number for a presubmit.';
COMMENT ON COLUMN snoop.prow_job.pull_sha IS 'refs.pulls[0].sha: the pull request''s head commit.';
COMMENT ON COLUMN snoop.prow_job.pull_author IS 'refs.pulls[0].author.';
COMMENT ON COLUMN snoop.prow_job.spec IS 'The ProwJob''s spec as Prow writes it (snake_case: type, job, refs, report, context, rerun_command, max_concurrency, pod_spec, decoration_config, ...), fixed when the run is triggered.';
COMMENT ON COLUMN snoop.prow_job.labels IS 'The ProwJob''s labels (the job''s labels and Prow''s prow.k8s.io/* ones).';
COMMENT ON COLUMN snoop.prow_job.annotations IS 'The ProwJob''s annotations (the job''s, e.g. testgrid-dashboards, and prow.k8s.io/job).';
COMMENT ON COLUMN snoop.prow_job.executor IS 'Where the run runs: local (a process), kubernetes (a pod) or prow (a ProwJob handed to a real Prow).';
COMMENT ON COLUMN snoop.prow_job.start_time IS 'status.startTime: when the run was triggered.';
COMMENT ON COLUMN snoop.prow_job.pending_time IS 'status.pendingTime: when it started running.';
COMMENT ON COLUMN snoop.prow_job.completion_time IS 'status.completionTime: when it completed.';
COMMENT ON COLUMN snoop.prow_job.description IS 'status.description, e.g. Job succeeded.';
COMMENT ON COLUMN snoop.prow_job.url IS 'status.url: the run''s page.';
COMMENT ON COLUMN snoop.prow_job.pod_name IS 'status.pod_name: the pod (or process) running it.';
COMMENT ON COLUMN snoop.prow_job.prev_report_states IS 'status.prev_report_states: the state each reporter last reported, by reporter, so each state is reported once.';
COMMENT ON COLUMN snoop.prow_job.owner IS 'The engine process that runs the pending run; another engine takes it over when lease_until has passed.';
COMMENT ON COLUMN snoop.prow_job.lease_until IS 'Until when the owner holds the run; an owner renews it while it lives.';
COMMENT ON COLUMN snoop.prow_job.event_guid IS 'The X-GitHub-Delivery id of the webhook event that triggered the run.';
