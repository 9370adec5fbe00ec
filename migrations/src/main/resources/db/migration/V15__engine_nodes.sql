-- The job engine's processes: each holds one snowflake node (0..1023) while it lives, so the build
-- ids of several engines (and of other processes that trigger runs) on one database never collide.
CREATE TABLE snoop.engine_node (
  node         integer PRIMARY KEY CHECK (node BETWEEN 0 AND 1023),
  owner        text NOT NULL,
  lease_until  timestamptz NOT NULL
);
COMMENT ON TABLE snoop.engine_node IS 'The snowflake node of each live process that makes build ids (an engine, a server, snoop jobs run): a node whose lease has passed is free for the next process.';
COMMENT ON COLUMN snoop.engine_node.node IS 'The snowflake node, 0 to 1023, in the build ids the process makes.';
COMMENT ON COLUMN snoop.engine_node.owner IS 'The process holding the node (host, pid and a random suffix), as in snoop.prow_job.owner.';
COMMENT ON COLUMN snoop.engine_node.lease_until IS 'Until when the owner holds the node; it renews the lease while it lives.';

-- Garbage collection removes a complete run's workload once, 24 hours after it completed.
ALTER TABLE snoop.prow_job ADD COLUMN cleaned_time timestamptz;
COMMENT ON COLUMN snoop.prow_job.cleaned_time IS 'When garbage collection removed what was left of the run''s workload (its pod or work directory); its artifacts stay.';
-- The admission and lease loops read the incomplete runs by state and owner.
CREATE INDEX prow_job_owner ON snoop.prow_job (owner) WHERE completion_time IS NULL;
