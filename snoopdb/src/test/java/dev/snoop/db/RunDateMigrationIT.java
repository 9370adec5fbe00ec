package dev.snoop.db;

import static org.assertj.core.api.Assertions.assertThat;

import dev.snoop.db.testing.MigratedDatabase;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.Map;
import java.util.TreeMap;
import org.flywaydb.core.Flyway;
import org.jooq.CloseableDSLContext;
import org.jooq.DSLContext;
import org.jooq.impl.DSL;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * A database holding runs from before V11, whose release_date is the release's date, gets each
 * run's time in epoch seconds when it migrates: the run's first event (no build start was kept);
 * the live sink's rows get their event's time.
 */
@ExtendWith(MigratedDatabase.class)
class RunDateMigrationIT {
  private final DSLContext server;
  private final String serverUrl;

  RunDateMigrationIT(Database database) {
    this.server = database.dsl();
    this.serverUrl = database.jdbcUrl();
  }

  @Test
  void runsStoredBeforeGetTheirFirstEventsTime() {
    String name = "snoop_v10_" + ProcessHandle.current().pid();
    String url = serverUrl.replaceFirst("^(jdbc:postgresql://[^/]+/)[^?]*", "$1" + name);
    server.execute("drop database if exists " + name);
    server.execute("create database " + name);
    try {
      Flyway.configure()
          .dataSource(url, null, null)
          .locations("classpath:db/migration")
          .schemas("public", "conformance", "testing", "snoop")
          .createSchemas(false)
          .target("10")
          .load()
          .migrate();
      try (CloseableDSLContext v10 = DSL.using(url)) {
        storeAsBeforeV11(v10);
      }
      try (Database migrated = Database.open(DatabaseSettings.ofUrl(url))) {
        DSLContext sql = migrated.dsl();
        Map<String, Instant> runDates = new TreeMap<>();
        sql.fetch("select source, run_date from snoop.ingest_run")
            .forEach(
                r ->
                    runDates.put(
                        r.get(0, String.class),
                        r.get(1) == null ? null : r.get(1, OffsetDateTime.class).toInstant()));
        assertThat(runDates)
            .containsEntry("kind.log", Instant.parse("2025-03-04T06:22:18.819232Z"))
            .containsEntry("timeless.log", null);
        Map<String, String> releaseDates = new TreeMap<>();
        sql.fetch("select distinct source, release_date from audit_event")
            .forEach(r -> releaseDates.put(r.get(0, String.class), r.get(1, String.class)));
        // 2025-03-04T06:22:18Z; the fraction is dropped
        assertThat(releaseDates)
            .containsEntry("kind.log", "1741069338")
            .containsEntry("timeless.log", null)
            .hasSize(2);
        Map<String, String> live = new TreeMap<>();
        sql.fetch("select audit_id, release_date from testing.audit_event")
            .forEach(r -> live.put(r.get(0, String.class), r.get(1, String.class)));
        assertThat(live)
            .containsEntry("received", "1741069338")
            .containsEntry("stage-only", "1741069339")
            .containsEntry("no-time", null)
            .containsEntry("bad-time", null);
      }
    } finally {
      server.execute("drop database if exists " + name + " with (force)");
    }
  }

  /** Two runs and the live sink's rows as V10's snoop wrote them: release_date a date. */
  private static void storeAsBeforeV11(DSLContext sql) {
    sql.execute(
        "insert into snoop.release (release, release_date) values ('1.33.0', '2025-04-23')");
    for (Object[] run :
        new Object[][] {
          {1, "kind.log", "2025-03-04T06:22:18.819232Z"}, {2, "timeless.log", null}
        }) {
      sql.execute(
          "insert into snoop.ingest_run (id, release, source, checksum, keep_raw, started_at,"
              + " first_event) overriding system value"
              + " values ({0}, '1.33.0', {1}, '', false, now(), {2}::timestamptz)",
          run[0], run[1], run[2]);
      sql.execute(
          "create table snoop.audit_event_run_"
              + run[0]
              + " partition of public.audit_event for values in ("
              + run[0]
              + ")");
      sql.execute(
          "insert into audit_event (release, release_date, audit_id, data, source, id, run_id)"
              + " select '1.33.0', '2025-04-23', 'a' || n, '{}', {1}, n, {0}"
              + " from generate_series(1, 3) n",
          run[0], run[1]);
    }
    sql.execute(
        "insert into testing.audit_event (release, release_date, audit_id, data, source) values"
            + " ('1.33.0', '2025-04-23', 'received', {0}::jsonb, 'live'),"
            + " ('1.33.0', '2025-04-23', 'stage-only', {1}::jsonb, 'live'),"
            + " ('1.33.0', '2025-04-23', 'no-time', '{}', 'live'),"
            + " ('1.33.0', '2025-04-23', 'bad-time', {2}::jsonb, 'live')",
        DSL.val(
            "{\"requestReceivedTimestamp\": \"2025-03-04T06:22:18.819232Z\","
                + " \"stageTimestamp\": \"2025-03-04T06:22:19.1Z\"}"),
        DSL.val("{\"stageTimestamp\": \"2025-03-04T06:22:19.100000Z\"}"),
        DSL.val("{\"requestReceivedTimestamp\": \"yesterday\"}"));
  }
}
