-- Coverage beyond "was it hit": what the API server answered, and which query parameters were used.
--  * endpoint_hit gains the hits by status class of the response, counted once per request at its
--    last stage that has responseStatus.code (RequestReceived has none). hits_1xx is there because
--    exec, attach and port-forward succeed with 101 Switching Protocols: without it an upgraded
--    connection would count as neither a success nor an error. A request whose stages carry no code
--    (a log cut before its response) counts in hits and in no class.
--  * snoop.parameter_hit: per run, the NAMES of the query parameters each user agent sent to each
--    operation (never their values), partitioned by run as endpoint_hit is, for the same reason:
--    each run COPYs its rows into a table of its own and attaches it at commit.
--  * snoop.operation_parameter: each operation's query parameters, as its spec declares them (at
--    path or operation level, through $ref), loaded with the spec.
-- Adding columns with a constant default to the partitioned table rewrites no partition.

ALTER TABLE snoop.endpoint_hit
  ADD COLUMN hits_1xx bigint NOT NULL DEFAULT 0,
  ADD COLUMN hits_2xx bigint NOT NULL DEFAULT 0,
  ADD COLUMN hits_3xx bigint NOT NULL DEFAULT 0,
  ADD COLUMN hits_4xx bigint NOT NULL DEFAULT 0,
  ADD COLUMN hits_5xx bigint NOT NULL DEFAULT 0;
COMMENT ON COLUMN snoop.endpoint_hit.hits_1xx IS 'Requests answered 1xx (101 Switching Protocols: exec, attach, port-forward upgraded), by the last stage with a status code.';
COMMENT ON COLUMN snoop.endpoint_hit.hits_2xx IS 'Requests answered 2xx, by the last stage with a status code.';
COMMENT ON COLUMN snoop.endpoint_hit.hits_3xx IS 'Requests answered 3xx, by the last stage with a status code.';
COMMENT ON COLUMN snoop.endpoint_hit.hits_4xx IS 'Requests answered 4xx (refused: not found, forbidden, invalid, conflict, ...), by the last stage with a status code.';
COMMENT ON COLUMN snoop.endpoint_hit.hits_5xx IS 'Requests answered 5xx, by the last stage with a status code.';

-- The one definition of a successful request: the operation was served (2xx), or its connection
-- upgraded (101). 3xx is neither a success nor an error; 4xx and 5xx are errors.
CREATE FUNCTION snoop.successful_hits(hits_1xx bigint, hits_2xx bigint) RETURNS bigint
  LANGUAGE sql IMMUTABLE PARALLEL SAFE
  RETURN hits_1xx + hits_2xx;
COMMENT ON FUNCTION snoop.successful_hits(bigint, bigint) IS 'Requests that succeeded: answered 2xx, or 101 (an upgraded exec, attach or port-forward connection). The one definition of success the views use.';

CREATE TABLE snoop.parameter_hit (
  run_id    bigint NOT NULL,
  release   text COLLATE snoop.semver_order NOT NULL,
  endpoint  text COLLATE "C" NOT NULL,
  useragent text COLLATE "C" NOT NULL,
  test      text COLLATE "C",
  parameter text COLLATE "C" NOT NULL,
  hits      bigint NOT NULL
) PARTITION BY LIST (run_id);
CREATE INDEX parameter_hit_endpoint ON snoop.parameter_hit (endpoint, release);
CREATE INDEX parameter_hit_release ON snoop.parameter_hit USING brin (release);
COMMENT ON TABLE snoop.parameter_hit IS 'Per ingest run, the names of the query parameters each user agent sent to each operation, with how many requests sent each (names only, never values). One row per (run_id, endpoint, useragent, parameter); partitioned by run (snoop.parameter_hit_run_<run id>).';
COMMENT ON COLUMN snoop.parameter_hit.run_id IS 'The ingest run; the table is partitioned by it.';
COMMENT ON COLUMN snoop.parameter_hit.release IS 'Release of the run (snoop.ingest_run.release), ordered as semver.';
COMMENT ON COLUMN snoop.parameter_hit.endpoint IS 'operationId hit.';
COMMENT ON COLUMN snoop.parameter_hit.useragent IS 'userAgent of the requests.';
COMMENT ON COLUMN snoop.parameter_hit.test IS 'e2e test, as in snoop.endpoint_hit.test.';
COMMENT ON COLUMN snoop.parameter_hit.parameter IS 'Name of a query parameter of the request URI (e.g. watch, labelSelector, dryRun), as sent.';
COMMENT ON COLUMN snoop.parameter_hit.hits IS 'Requests that sent it.';

CREATE TABLE snoop.operation_parameter (
  release     text NOT NULL,
  endpoint    text NOT NULL,
  parameter   text NOT NULL,
  required    boolean NOT NULL,
  description text,
  PRIMARY KEY (release, endpoint, parameter),
  FOREIGN KEY (release, endpoint) REFERENCES public.open_api (release, endpoint) ON DELETE CASCADE
);
COMMENT ON TABLE snoop.operation_parameter IS 'The query parameters of each operation of a release''s spec, path-level and operation-level, $refs resolved (snoop addition; loaded with the spec).';
COMMENT ON COLUMN snoop.operation_parameter.release IS 'The open_api release.';
COMMENT ON COLUMN snoop.operation_parameter.endpoint IS 'The operationId.';
COMMENT ON COLUMN snoop.operation_parameter.parameter IS 'The query parameter''s name, e.g. dryRun.';
COMMENT ON COLUMN snoop.operation_parameter.required IS 'Whether the spec marks it required.';
COMMENT ON COLUMN snoop.operation_parameter.description IS 'The parameter''s description in the spec.';
