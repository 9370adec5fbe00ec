-- APISnoop's users read audit_event.release_date as the job run's time in epoch seconds, stored as
-- text: select distinct release, to_timestamp(release_date::bigint) as run_date, source from
-- audit_event. snoop stored the release's date there; from now on it stores the run's time.
ALTER TABLE snoop.ingest_run ADD COLUMN run_date timestamptz;
COMMENT ON COLUMN snoop.ingest_run.run_date IS 'When the ingested job ran: a Prow build''s start (its started.json), else the run''s first audit event (first_event); null when neither is known. audit_event.release_date holds it as epoch seconds.';

COMMENT ON COLUMN public.audit_event.release_date IS 'When the job run ran, as epoch seconds in text (APISnoop''s meaning; to_timestamp(release_date::bigint) gives the time): a Prow build''s start (its started.json), else the run''s first audit event; the same for every row of a run (snoop.ingest_run.run_date).';
COMMENT ON COLUMN testing.audit_event.release_date IS 'When the event''s request was received (else its stage time), as epoch seconds in text: to_timestamp(release_date::bigint) gives the time.';

-- Runs stored before: no build start was kept, so their run time is their first audit event.
UPDATE snoop.ingest_run SET run_date = first_event;
UPDATE public.audit_event e
   SET release_date = extract(epoch FROM date_trunc('second', r.run_date))::bigint::text
  FROM snoop.ingest_run r
 WHERE r.id = e.run_id;
UPDATE testing.audit_event
   SET release_date = (
         SELECT CASE WHEN time ~ '^\d{4}-\d{2}-\d{2}[Tt ]\d{2}:\d{2}:\d{2}(\.\d+)?([Zz]|[+-]\d{2}:\d{2})$'
                     THEN extract(epoch FROM date_trunc('second', time::timestamptz))::bigint::text END
           FROM (SELECT coalesce(data->>'requestReceivedTimestamp', data->>'timestamp',
                                 data->>'stageTimestamp') AS time) event);

COMMENT ON SCHEMA snoop IS 'snoop''s own relations beyond APISnoop''s schema: the release catalogue, the load log, ingest runs and their per-run aggregate and audit_event partitions, submission verifications, and the views the coverage views are built from.';

-- APISnoop's self-describing functions, with its names, arguments and output columns. They read the
-- COMMENTs of every schema, and find a relation by schema and name: APISnoop's matched columns by
-- table name only, so each audit_event column came back twice, once with the other table's comment.

CREATE FUNCTION public.describe_relations(OUT schema text, OUT name text, OUT description text)
  RETURNS SETOF record
  LANGUAGE sql STABLE
AS $$
  SELECT n.nspname::text, c.relname::text, obj_description(c.oid, 'pg_class')
    FROM pg_catalog.pg_class c
    JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace
   WHERE c.relkind IN ('r', 'p', 'v', 'm', 'f')
     AND NOT c.relispartition -- an ingest run's audit_event table is part of audit_event
     AND n.nspname NOT IN ('pg_catalog', 'information_schema')
     AND n.nspname NOT LIKE 'pg\_%'
     AND NOT (n.nspname = 'public' AND c.relname = 'flyway_schema_history')
   ORDER BY n.nspname DESC, c.relname;
$$;
COMMENT ON FUNCTION public.describe_relations() IS 'Every table and view with its description, by schema: select * from describe_relations() (APISnoop compatible).';

CREATE FUNCTION public.describe_relation(schema text, relation text)
  RETURNS text
  LANGUAGE sql STABLE
AS $$
  -- the cast fails with "relation ... does not exist" for a relation that is not there
  SELECT obj_description(
           (quote_ident(describe_relation.schema) || '.' || quote_ident(describe_relation.relation))::regclass,
           'pg_class');
$$;
COMMENT ON FUNCTION public.describe_relation(text, text) IS 'The description of one table or view: select describe_relation(''conformance'', ''progress'') (APISnoop compatible).';

CREATE FUNCTION public.describe_columns(schema text, relation text, OUT "column" text, OUT description text)
  RETURNS SETOF record
  LANGUAGE sql STABLE
AS $$
  SELECT a.attname::text, col_description(c.oid, a.attnum)
    FROM pg_catalog.pg_class c
    JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace
    JOIN pg_catalog.pg_attribute a ON a.attrelid = c.oid
   WHERE n.nspname = describe_columns.schema
     AND c.relname = describe_columns.relation
     AND a.attnum > 0
     AND NOT a.attisdropped
   ORDER BY a.attnum;
$$;
COMMENT ON FUNCTION public.describe_columns(text, text) IS 'The columns of one table or view, in order, with their descriptions: select * from describe_columns(''public'', ''audit_event'') (APISnoop compatible).';

CREATE FUNCTION public.describe_column(schema text, relation text, col text, OUT "column" text, OUT description text)
  RETURNS SETOF record
  LANGUAGE sql STABLE
AS $$
  SELECT d."column", d.description
    FROM public.describe_columns(describe_column.schema, describe_column.relation) d
   WHERE d."column" = describe_column.col;
$$;
COMMENT ON FUNCTION public.describe_column(text, text, text) IS 'One column of a table or view with its description: select * from describe_column(''public'', ''endpoint_coverage'', ''tested'') (APISnoop compatible).';

-- APISnoop's loaders, with its names and arguments, download inside PostgreSQL; snoop loads from the
-- command line. Each name raises an error that gives the snoop command doing the same, so a user
-- following APISnoop's docs learns where to go.

-- The command that loads the working release's inputs, whose specs and lists come from master.
CREATE FUNCTION snoop.working_release_command(command text)
  RETURNS text
  LANGUAGE sql STABLE
AS $$
  SELECT coalesce(
    (SELECT working_release_command.command || ' --release ' || release FROM snoop.release WHERE working),
    'snoop load releases, then ' || working_release_command.command || ' --release R (R: the working release)');
$$;
COMMENT ON FUNCTION snoop.working_release_command(text) IS 'The snoop command given with --release set to the working release, or how to find it when the release catalogue is not loaded (for the messages of APISnoop''s loader names).';

CREATE FUNCTION public.load_open_api(custom_release text DEFAULT NULL)
  RETURNS text
  LANGUAGE plpgsql
AS $$
BEGIN
  RAISE EXCEPTION 'load_open_api(): snoop loads from the command line, not inside PostgreSQL; run: %',
      CASE WHEN custom_release IS NULL THEN snoop.working_release_command('snoop load spec')
           ELSE 'snoop load spec --release ' || custom_release END
    USING ERRCODE = 'feature_not_supported',
          HINT = 'It loads kubernetes'' swagger.json at the release''s tag (master for the working release); add --file F for a local copy, --level-rule apisnoop for APISnoop''s levels.';
END
$$;
COMMENT ON FUNCTION public.load_open_api(text) IS 'APISnoop''s spec loader; in snoop it raises an error giving the command that loads a spec: snoop load spec --release R.';

-- APISnoop's bucket is the Prow job and custom_job the build; its older docs call it with no
-- argument, so bucket has a default too.
CREATE FUNCTION public.load_audit_events(bucket text DEFAULT NULL, custom_job text DEFAULT NULL)
  RETURNS text
  LANGUAGE plpgsql
AS $$
BEGIN
  RAISE EXCEPTION 'load_audit_events(): snoop loads from the command line, not inside PostgreSQL; run: %',
      CASE WHEN bucket IS NULL THEN
             'snoop ingest prow --job ci-kubernetes-audit-kind-conformance'
             || ' && snoop ingest prow --job ci-kubernetes-e2e-gci-gce'
             || ' && snoop ingest prow --job ci-kubernetes-gce-conformance-latest'
           WHEN custom_job IS NULL THEN 'snoop ingest prow --job ' || bucket
           ELSE 'snoop ingest prow --job ' || bucket || ' --build ' || custom_job END
    USING ERRCODE = 'feature_not_supported',
          HINT = 'It ingests the audit logs of the job''s latest successful build (or --build), for the build''s release; snoop ingest --release R FILE... ingests logs of your own.';
END
$$;
COMMENT ON FUNCTION public.load_audit_events(text, text) IS 'APISnoop''s audit log loader (bucket: the Prow job, custom_job: the build); in snoop it raises an error giving the command that ingests a build: snoop ingest prow --job J [--build B].';

CREATE FUNCTION public.load_tests()
  RETURNS text
  LANGUAGE plpgsql
AS $$
BEGIN
  RAISE EXCEPTION 'load_tests(): snoop loads from the command line, not inside PostgreSQL; run: %',
      snoop.working_release_command('snoop load conformance')
    USING ERRCODE = 'feature_not_supported',
          HINT = 'It loads kubernetes'' conformance.yaml of the release (master for the working release) into conformance.test; each release''s list can be loaded.';
END
$$;
COMMENT ON FUNCTION public.load_tests() IS 'APISnoop''s conformance.yaml loader; in snoop it raises an error giving the command that loads a conformance list: snoop load conformance --release R.';

CREATE FUNCTION public.load_ineligible_endpoints(custom_release text DEFAULT NULL)
  RETURNS text
  LANGUAGE plpgsql
AS $$
BEGIN
  RAISE EXCEPTION 'load_ineligible_endpoints(): snoop loads from the command line, not inside PostgreSQL; run: %',
      'snoop load ineligible' || coalesce(' --release ' || custom_release, '')
    USING ERRCODE = 'feature_not_supported',
          HINT = 'It loads kubernetes'' ineligible_endpoints.yaml (master, or the release''s branch with --release); snoop load pending loads pending_eligible_endpoints.yaml the same way.';
END
$$;
COMMENT ON FUNCTION public.load_ineligible_endpoints(text) IS 'APISnoop''s ineligible endpoint loader; in snoop it raises an error giving the command that loads the list: snoop load ineligible.';

CREATE FUNCTION public.grab_past_releases()
  RETURNS SETOF text
  LANGUAGE plpgsql
AS $$
BEGIN
  RAISE EXCEPTION 'grab_past_releases(): snoop loads from the command line, not inside PostgreSQL; run: snoop load releases'
    USING ERRCODE = 'feature_not_supported',
          HINT = 'It loads APISnoop''s releases.yaml into snoop.release; then select release from snoop.release where not working order by release::semver lists the past releases.';
END
$$;
COMMENT ON FUNCTION public.grab_past_releases() IS 'APISnoop''s list of past releases from its releases.yaml; in snoop it raises an error giving the command that loads the release catalogue (snoop load releases), which snoop.release then lists.';
