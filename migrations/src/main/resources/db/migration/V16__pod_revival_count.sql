-- Prow's status.pod_revival_count: how often the Kubernetes executor re-created a run's pod after it
-- was evicted, lost with its node or found missing. Kept in the row, since the pod that would carry
-- it is the thing that is gone; past 3 revivals the run is an error.
ALTER TABLE snoop.prow_job ADD COLUMN pod_revival_count integer NOT NULL DEFAULT 0 CHECK (pod_revival_count >= 0);

COMMENT ON COLUMN snoop.prow_job.pod_revival_count IS 'status.pod_revival_count: how often the run''s pod was re-created after an eviction, a lost node or a missing pod (the Kubernetes executor gives up after 3).';
