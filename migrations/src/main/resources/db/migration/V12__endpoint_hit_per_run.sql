-- snoop.endpoint_hit becomes partitioned by ingest run, as audit_event is. Writing a run's aggregate
-- into one shared table with three b-tree indexes on long text keys and a per-row foreign key check
-- took half the ingest time of a log whose e2e tests spread over many endpoints (225,000 aggregate
-- rows per million events). Now a run fills a table of its own with binary COPY (no index, no
-- check per row), builds its indexes in one sorted pass, and attaches it when it commits; replacing
-- a run drops its table instead of leaving dead rows in shared indexes.
--  * No foreign key to snoop.ingest_run, as audit_event has none: attaching a partition of a table
--    with one locks ingest_run against the row every other ingest in progress has inserted, so two
--    ingests committing at once deadlocked. A run's tables are removed with it (IngestRun.remove).
--  * endpoint, useragent and test compare byte by byte (COLLATE "C"): sorting and indexing them
--    under a language's collation costs a library call per comparison, and their order is that of
--    their code points either way (the embedded database's C.UTF-8 sorts the same).
--  * release is text in semver's collation (it orders and compares as semver does) rather than the
--    semver domain, whose check ran for every row a run wrote; the value is the run's own release
--    (snoop.ingest_run.release), checked there.
--  * No primary key: a run's rows are one per (endpoint, useragent) by construction (the run's
--    aggregate), nothing looks a row up by that key, and building the index cost as much as the
--    other two together.
--  * conformance_test is gone: whether a test is a conformance test is decided in SQL only
--    (snoop.conformance_codename), when coverage is read; the flag ingest wrote was read by no view
--    and went stale when a conformance list was loaded after the ingest.
-- The views reading the table are dropped here and created again after this migration (db/views).

DROP VIEW IF EXISTS snoop.release_endpoint_test, public.endpoint_coverage, conformance.renamed_test
  CASCADE;

ALTER TABLE snoop.endpoint_hit RENAME TO endpoint_hit_before_v12;
-- Their names go to the new table's indexes; its primary key finds each run's rows below.
DROP INDEX snoop.endpoint_hit_endpoint, snoop.endpoint_hit_release_endpoint;

CREATE TABLE snoop.endpoint_hit (
  run_id        bigint NOT NULL,
  release       text COLLATE snoop.semver_order NOT NULL,
  endpoint      text COLLATE "C" NOT NULL,
  useragent     text COLLATE "C" NOT NULL,
  test          text COLLATE "C",
  test_hit      boolean NOT NULL,
  conf_test_hit boolean NOT NULL,
  hits          bigint NOT NULL,
  first_seen    timestamptz,
  last_seen     timestamptz
) PARTITION BY LIST (run_id);
-- The coverage views look an operation's hits up in a release's runs: a run's table of another
-- release answers from the index alone. A run holds one release, so a BRIN summary of release
-- (built in one pass, no sort) tells at once that a run's table has none of another release's rows.
CREATE INDEX endpoint_hit_endpoint ON snoop.endpoint_hit (endpoint, release);
CREATE INDEX endpoint_hit_release ON snoop.endpoint_hit USING brin (release);
COMMENT ON TABLE snoop.endpoint_hit IS 'Per ingest run, how often each user agent hit each operation: the aggregate the coverage views read instead of raw events. One row per (run_id, endpoint, useragent); partitioned by run (each run''s rows are its own table, snoop.endpoint_hit_run_<run id>).';
COMMENT ON COLUMN snoop.endpoint_hit.run_id IS 'The ingest run; the table is partitioned by it.';
COMMENT ON COLUMN snoop.endpoint_hit.release IS 'Release of the run (snoop.ingest_run.release), ordered as semver.';
COMMENT ON COLUMN snoop.endpoint_hit.endpoint IS 'operationId hit.';
COMMENT ON COLUMN snoop.endpoint_hit.useragent IS 'userAgent of the requests.';
COMMENT ON COLUMN snoop.endpoint_hit.test IS 'e2e test: the userAgent text after " -- " for e2e.test agents, '''' for e2e.test outside a test, else null. Whether it is a conformance test: snoop.conformance_codename.';
COMMENT ON COLUMN snoop.endpoint_hit.test_hit IS 'The userAgent is an e2e.test agent (APISnoop''s test_hit).';
COMMENT ON COLUMN snoop.endpoint_hit.conf_test_hit IS 'The userAgent contains [Conformance] (APISnoop''s conf_test_hit).';
COMMENT ON COLUMN snoop.endpoint_hit.hits IS 'Requests.';
COMMENT ON COLUMN snoop.endpoint_hit.first_seen IS 'Earliest request time.';
COMMENT ON COLUMN snoop.endpoint_hit.last_seen IS 'Latest request time.';

-- The runs stored before, each into a table of its own.
DO $$
DECLARE
  run bigint;
BEGIN
  FOR run IN SELECT DISTINCT run_id FROM snoop.endpoint_hit_before_v12 ORDER BY run_id LOOP
    EXECUTE format('CREATE TABLE snoop.endpoint_hit_run_%s PARTITION OF snoop.endpoint_hit'
                   ' FOR VALUES IN (%s)', run, run);
    EXECUTE format('INSERT INTO snoop.endpoint_hit_run_%s (run_id, release, endpoint, useragent,'
                   ' test, test_hit, conf_test_hit, hits, first_seen, last_seen)'
                   ' SELECT run_id, release, endpoint, useragent, test, test_hit, conf_test_hit,'
                   ' hits, first_seen, last_seen FROM snoop.endpoint_hit_before_v12'
                   ' WHERE run_id = %s', run, run);
    EXECUTE format('COMMENT ON TABLE snoop.endpoint_hit_run_%s IS %L', run,
                   'endpoint_hit rows of ingest run ' || run);
  END LOOP;
END
$$;

DROP TABLE snoop.endpoint_hit_before_v12;
