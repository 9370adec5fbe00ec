package dev.snoop.ingest.store;

import static dev.snoop.db.jooq.snoop.Tables.INGEST_RUN;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import org.jooq.DSLContext;
import org.jooq.JSONB;
import org.jooq.SQLDialect;
import org.jooq.impl.DSL;
import org.postgresql.PGConnection;

/**
 * One ingest run in one transaction on its own connection: the run row, the run's audit_event table
 * filled by binary COPY, the aggregate, and at commit the replacement of an earlier run of the same
 * source. Nothing of the run is visible, or left behind, unless {@link #commit} succeeds.
 */
public final class IngestRun implements AutoCloseable {
  private static final ObjectMapper JSON = new ObjectMapper();

  private final Connection connection;
  private final DSLContext sql;
  private final RunIdentity identity;
  private final long id;
  private final AuditRowWriter writer;
  private final HitTable hitTable;
  private final HitTable parameterTable;
  private boolean committed;

  /**
   * What identifies a run (an ingest of the same release and source replaces it), and what the
   * source says about it.
   *
   * @param runStarted when the job run started, if the source says (a Prow build); else null, and
   *     the run's first audit event is taken
   */
  public record RunIdentity(
      String release,
      String source,
      String job,
      String buildId,
      boolean keepRaw,
      Instant runStarted) {}

  /** The counts a finished run records. */
  public record Totals(
      String checksum,
      long eventsRead,
      long requests,
      long matched,
      long problems,
      Map<String, Long> responses,
      Map<String, Long> unmatched,
      Map<String, Long> skipped,
      long firstMicros,
      long lastMicros,
      long durationMillis) {}

  private IngestRun(Connection connection, RunIdentity identity) throws SQLException {
    this.connection = connection;
    this.identity = identity;
    connection.setAutoCommit(false);
    this.sql = DSL.using(connection, SQLDialect.POSTGRES);
    // Ingests of one source take turns; different sources run side by side.
    sql.execute(
        "select pg_advisory_xact_lock(hashtextextended({0}, 0))",
        identity.release() + " " + identity.source());
    this.id =
        sql.insertInto(INGEST_RUN)
            .set(INGEST_RUN.RELEASE, identity.release())
            .set(INGEST_RUN.SOURCE, identity.source())
            .set(INGEST_RUN.JOB, identity.job())
            .set(INGEST_RUN.BUILD_ID, identity.buildId())
            .set(INGEST_RUN.CHECKSUM, "")
            .set(INGEST_RUN.KEEP_RAW, identity.keepRaw())
            .set(INGEST_RUN.STARTED_AT, OffsetDateTime.now(ZoneOffset.UTC))
            .set(INGEST_RUN.RUN_DATE, time(identity.runStarted()))
            .returning(INGEST_RUN.ID)
            .fetchOne(INGEST_RUN.ID);
    createRunTable();
    this.hitTable =
        HitTable.create(connection, sql, HitTable.Kind.ENDPOINT, id, identity.release());
    this.parameterTable =
        HitTable.create(connection, sql, HitTable.Kind.PARAMETER, id, identity.release());
    String columns =
        identity.keepRaw()
            ? "audit_id, endpoint, useragent, test, test_hit, error, conf_test_hit, id, data"
            : "audit_id, endpoint, useragent, test, test_hit, error, conf_test_hit, id";
    // FREEZE: the table is new in this transaction, so its rows can be written frozen, sparing
    // readers the hint-bit writes and vacuum the freezing later.
    var copy =
        connection
            .unwrap(PGConnection.class)
            .getCopyAPI()
            .copyIn("copy " + table() + " (" + columns + ") from stdin (format binary, freeze)");
    this.writer = new AuditRowWriter(copy, id, identity.keepRaw());
  }

  /**
   * The run's own table, attached as audit_event's partition at commit. Its columns are spelled out
   * rather than copied with LIKE, which would hold a lock on audit_event for the whole run, so a
   * run replacing a source would wait for every other run to end. The run's constants are column
   * defaults, so COPY sends only what differs per row; the check lets the attach skip its scan.
   * release_date, known only when the run ends, is added then ({@link #addReleaseDate}).
   */
  private void createRunTable() throws SQLException {
    String ingestedAt = OffsetDateTime.now(ZoneOffset.UTC).toString();
    try (Statement statement = connection.createStatement()) {
      statement.execute(
          sql.renderInlined(
              DSL.query(
                  "create table "
                      + table()
                      + " (release text default {0},"
                      + " audit_id text not null, endpoint text, useragent text, test text,"
                      + " test_hit boolean, error text, conf_test_hit boolean,"
                      + " data jsonb not null default '{}', source text default {1},"
                      + " id bigint not null, ingested_at timestamptz default {2}::timestamptz,"
                      + " run_id bigint not null default {3} check (run_id = {3}))",
                  DSL.inline(identity.release()),
                  DSL.inline(identity.source()),
                  DSL.inline(ingestedAt),
                  DSL.inline(id))));
      statement.execute(
          "comment on table " + table() + " is 'audit_event rows of ingest run " + id + "'");
    }
  }

  /** Starts a run on a connection of its own, which the run closes. */
  public static IngestRun start(Connection connection, RunIdentity identity) throws SQLException {
    try {
      return new IngestRun(connection, identity);
    } catch (SQLException | RuntimeException e) {
      connection.rollback();
      connection.close();
      throw e;
    }
  }

  public long id() {
    return id;
  }

  public void write(AuditRow row) {
    writer.add(row);
  }

  /** Moves the aggregate's rows to disk and clears it, when it holds as many as it may. */
  public void spill(EndpointHits hits) {
    hitTable.spill(hits);
    parameterTable.spill(hits);
    hits.clear();
  }

  /**
   * Writes the aggregate and the totals, replaces an earlier run of the same source, commits; ends
   * a lap of {@code phases} after each step.
   */
  public void commit(EndpointHits hits, Totals totals, PhaseTimer phases) throws SQLException {
    writer.finish();
    phases.lap("end event copy");
    hitTable.write(hits);
    parameterTable.write(hits);
    phases.lap("write aggregate");
    hitTable.index();
    parameterTable.index();
    phases.lap("index aggregate");
    Instant runDate =
        identity.runStarted() != null ? identity.runStarted() : instant(totals.firstMicros());
    recordTotals(totals, runDate);
    addReleaseDate(runDate);
    replaceEarlierRuns();
    phases.lap("replace earlier run");
    hitTable.attach();
    parameterTable.attach();
    // The constants were defaults only for the COPY; as a partition the table takes audit_event's.
    sql.execute(
        "alter table "
            + table()
            + " alter release drop default, alter release_date drop default,"
            + " alter source drop default, alter run_id drop default, alter data drop default,"
            + " alter ingested_at set default now()");
    sql.execute(
        "alter table public.audit_event attach partition "
            + table()
            + " for values in ("
            + id
            + ")");
    phases.lap("attach partitions");
    connection.commit();
    committed = true;
    phases.lap("commit");
  }

  /**
   * audit_event.release_date, the run's time as APISnoop stores it, added to the filled table as a
   * column with a default: PostgreSQL keeps that value once in the catalogue for the rows already
   * there instead of rewriting them, so a time known only at the end costs nothing per row.
   */
  private void addReleaseDate(Instant runDate) {
    sql.execute(
        sql.renderInlined(
            DSL.query(
                "alter table " + table() + " add column release_date text default {0}",
                DSL.inline(ReleaseDate.of(runDate)))));
  }

  private void recordTotals(Totals t, Instant runDate) {
    sql.update(INGEST_RUN)
        .set(INGEST_RUN.CHECKSUM, t.checksum())
        .set(INGEST_RUN.FINISHED_AT, OffsetDateTime.now(ZoneOffset.UTC))
        .set(INGEST_RUN.DURATION_MS, t.durationMillis())
        .set(INGEST_RUN.EVENTS_READ, t.eventsRead())
        .set(INGEST_RUN.REQUESTS, t.requests())
        .set(INGEST_RUN.MATCHED, t.matched())
        .set(INGEST_RUN.PROBLEMS, t.problems())
        .set(INGEST_RUN.RESPONSES, json(t.responses()))
        .set(INGEST_RUN.UNMATCHED, json(t.unmatched()))
        .set(INGEST_RUN.SKIPPED, json(t.skipped()))
        .set(INGEST_RUN.FIRST_EVENT, time(t.firstMicros()))
        .set(INGEST_RUN.LAST_EVENT, time(t.lastMicros()))
        .set(INGEST_RUN.RUN_DATE, time(runDate))
        .where(INGEST_RUN.ID.eq(id))
        .execute();
  }

  private void replaceEarlierRuns() {
    List<Long> earlier =
        sql.select(INGEST_RUN.ID)
            .from(INGEST_RUN)
            .where(INGEST_RUN.RELEASE.eq(identity.release()))
            .and(INGEST_RUN.SOURCE.eq(identity.source()))
            .and(INGEST_RUN.ID.ne(id))
            .fetch(INGEST_RUN.ID);
    for (long old : earlier) {
      remove(sql, old);
    }
  }

  /**
   * Removes a committed run: its endpoint_hit, parameter_hit and audit_event tables (no foreign key
   * ties them to the run's row) and its row. A run locks endpoint_hit, then parameter_hit, then
   * audit_event, here as when it attaches its tables, so runs committing at once wait for each
   * other instead of deadlocking.
   */
  public static void remove(DSLContext sql, long runId) {
    sql.execute("drop table if exists " + HitTable.Kind.ENDPOINT.table(runId));
    sql.execute("drop table if exists " + HitTable.Kind.PARAMETER.table(runId));
    sql.execute("drop table if exists " + table(runId));
    sql.deleteFrom(INGEST_RUN).where(INGEST_RUN.ID.eq(runId)).execute();
  }

  private String table() {
    return table(id);
  }

  static String table(long runId) {
    return "snoop.audit_event_run_" + runId;
  }

  private static OffsetDateTime time(Instant instant) {
    return instant == null ? null : instant.atOffset(ZoneOffset.UTC);
  }

  private static OffsetDateTime time(long micros) {
    return time(instant(micros));
  }

  /** Microseconds since the epoch as an instant; null for the no-time sentinels. */
  private static Instant instant(long micros) {
    if (micros == Long.MIN_VALUE || micros == Long.MAX_VALUE) {
      return null;
    }
    return Instant.ofEpochSecond(micros / 1_000_000, (micros % 1_000_000) * 1000);
  }

  private static JSONB json(Map<String, Long> counts) {
    try {
      return JSONB.jsonb(JSON.writeValueAsString(counts));
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }

  /** Rolls back unless committed, and closes the connection. */
  @Override
  public void close() throws SQLException {
    try {
      if (!committed) {
        writer.close();
        connection.rollback();
      }
    } finally {
      hitTable.close();
      parameterTable.close();
      connection.close();
    }
  }
}
