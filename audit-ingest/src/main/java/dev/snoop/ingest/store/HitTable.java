package dev.snoop.ingest.store;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import org.jooq.DSLContext;
import org.jooq.impl.DSL;
import org.postgresql.PGConnection;
import org.postgresql.copy.CopyIn;

/**
 * A run's rows of snoop.endpoint_hit or snoop.parameter_hit: a table of its own, filled by binary
 * COPY when the run commits, with no index to keep up and no foreign key to check per row, then
 * indexed in one sorted pass and attached as the run's partition. Rows spilled while reading (an
 * aggregate larger than memory may hold) wait in a temporary file and are summed with the rest at
 * commit.
 */
final class HitTable implements AutoCloseable {
  /** What differs between the two aggregate tables. */
  enum Kind {
    ENDPOINT(
        "endpoint_hit",
        "endpoint text collate \"C\" not null, useragent text collate \"C\" not null,"
            + " test text collate \"C\", test_hit boolean not null,"
            + " conf_test_hit boolean not null, hits bigint not null,"
            + " first_seen timestamptz, last_seen timestamptz, hits_1xx bigint not null,"
            + " hits_2xx bigint not null, hits_3xx bigint not null, hits_4xx bigint not null,"
            + " hits_5xx bigint not null",
        HitRows.COLUMNS,
        "endpoint, useragent, min(test), bool_or(test_hit), bool_or(conf_test_hit), sum(hits),"
            + " min(first_seen), max(last_seen), sum(hits_1xx), sum(hits_2xx), sum(hits_3xx),"
            + " sum(hits_4xx), sum(hits_5xx)",
        "endpoint, useragent",
        HitRows::write),
    PARAMETER(
        "parameter_hit",
        "endpoint text collate \"C\" not null, useragent text collate \"C\" not null,"
            + " test text collate \"C\", parameter text collate \"C\" not null,"
            + " hits bigint not null",
        HitRows.PARAMETER_COLUMNS,
        "endpoint, useragent, min(test), parameter, sum(hits)",
        "endpoint, useragent, parameter",
        HitRows::writeParameters);

    final String name;
    final String columnsDefinition;
    final String columns;
    final String sums;
    final String key;
    final Writer writer;

    Kind(
        String name,
        String columnsDefinition,
        String columns,
        String sums,
        String key,
        Writer writer) {
      this.name = name;
      this.columnsDefinition = columnsDefinition;
      this.columns = columns;
      this.sums = sums;
      this.key = key;
      this.writer = writer;
    }

    String table(long runId) {
      return "snoop." + name + "_run_" + runId;
    }
  }

  /** Writes a kind's rows of the aggregate. */
  @FunctionalInterface
  interface Writer {
    void write(EndpointHits hits, HitRows.Sink sink) throws IOException;
  }

  private final Connection connection;
  private final DSLContext sql;
  private final Kind kind;
  private final long runId;
  private Path spillFile;
  private OutputStream spill;

  private HitTable(Connection connection, DSLContext sql, Kind kind, long runId) {
    this.connection = connection;
    this.sql = sql;
    this.kind = kind;
    this.runId = runId;
  }

  String table() {
    return kind.table(runId);
  }

  /**
   * Creates the run's table. Its columns are spelled out rather than copied with LIKE, which would
   * lock endpoint_hit until the run ends (see the run's audit_event table); run_id and release are
   * defaults, so COPY sends only what differs per row; the check lets the attach skip its scan.
   */
  static HitTable create(
      Connection connection, DSLContext sql, Kind kind, long runId, String release) {
    sql.execute(
        sql.renderInlined(
            DSL.query(
                "create table "
                    + kind.table(runId)
                    + " (run_id bigint not null default {0} check (run_id = {0}),"
                    + " release text collate snoop.semver_order not null default {1}, "
                    + kind.columnsDefinition
                    + ")",
                DSL.inline(runId),
                DSL.inline(release))));
    sql.execute(
        "comment on table "
            + kind.table(runId)
            + " is '"
            + kind.name
            + " rows of ingest run "
            + runId
            + "'");
    return new HitTable(connection, sql, kind, runId);
  }

  /** Writes the rows to the spill file and clears them. */
  void spill(EndpointHits hits) {
    try {
      if (spill == null) {
        spillFile = Files.createTempFile("snoop-" + kind.name + "-" + runId + "-", ".copy");
        spill = new BufferedOutputStream(Files.newOutputStream(spillFile), 1 << 16);
      }
      kind.writer.write(hits, HitRows.Sink.of(spill));
    } catch (IOException e) {
      throw new UncheckedIOException("spilling the aggregate to " + spillFile + " failed", e);
    }
  }

  /** Writes the aggregate: the rows left in memory, summed with any spilled ones. */
  void write(EndpointHits hits) throws SQLException {
    if (spill == null) {
      copy(
          "copy " + table() + " (" + kind.columns + ") from stdin (format binary, freeze)",
          hits,
          null);
      return;
    }
    try {
      spill.close();
    } catch (IOException e) {
      throw new UncheckedIOException("writing " + spillFile + " failed", e);
    }
    // The same key may be in several spilled pieces: sum them in the database.
    String spillTable = kind.name + "_spill";
    sql.execute(
        "create temporary table "
            + spillTable
            + " ("
            + kind.columnsDefinition.replace(" not null", "")
            + ") on commit drop");
    copy(
        "copy " + spillTable + " (" + kind.columns + ") from stdin (format binary)",
        hits,
        spillFile);
    sql.execute(
        "insert into "
            + table()
            + " ("
            + kind.columns
            + ") select "
            + kind.sums
            + " from "
            + spillTable
            + " group by "
            + kind.key);
    sql.execute("drop table " + spillTable);
  }

  /** Builds the run's indexes, matching the parent's, each in one pass over the filled table. */
  void index() {
    sql.execute("create index " + name("endpoint") + " on " + table() + " (endpoint, release)");
    sql.execute("create index " + name("release") + " on " + table() + " using brin (release)");
  }

  /** Attaches the table as the run's partition of its parent; its indexes become the parent's. */
  void attach() {
    sql.execute(
        "alter table " + table() + " alter run_id drop default, alter release drop default");
    sql.execute(
        "alter table snoop."
            + kind.name
            + " attach partition "
            + table()
            + " for values in ("
            + runId
            + ")");
  }

  private String name(String index) {
    return kind.name + "_run_" + runId + "_" + index;
  }

  /** COPY's header, the spilled rows if any, the rows in memory, the trailer. */
  private void copy(String statement, EndpointHits hits, Path spilled) throws SQLException {
    CopyIn copy = connection.unwrap(PGConnection.class).getCopyAPI().copyIn(statement);
    HitRows.Sink sink =
        (bytes, length) -> {
          try {
            copy.writeToCopy(bytes, 0, length);
          } catch (SQLException e) {
            throw new IOException(e);
          }
        };
    try {
      HitRows.header(sink);
      if (spilled != null) {
        try (InputStream in = Files.newInputStream(spilled)) {
          byte[] piece = new byte[1 << 18];
          for (int n; (n = in.read(piece)) > 0; ) {
            sink.write(piece, n);
          }
        }
      }
      kind.writer.write(hits, sink);
      HitRows.trailer(sink);
      copy.endCopy();
    } catch (IOException e) {
      if (copy.isActive()) {
        copy.cancelCopy();
      }
      if (e.getCause() instanceof SQLException sqlFailure) {
        throw sqlFailure;
      }
      throw new UncheckedIOException("reading " + spilled + " failed", e);
    }
  }

  /** Removes the spill file, if any. */
  @Override
  public void close() {
    try {
      if (spill != null) {
        spill.close();
      }
      if (spillFile != null) {
        Files.deleteIfExists(spillFile);
      }
    } catch (IOException e) {
      // a temporary file left behind; nothing of the run depends on it
    }
  }
}
