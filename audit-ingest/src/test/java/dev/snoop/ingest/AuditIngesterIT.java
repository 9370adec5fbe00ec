package dev.snoop.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.snoop.db.Database;
import dev.snoop.db.input.InputReader;
import dev.snoop.db.release.Release;
import dev.snoop.db.spec.LevelRule;
import dev.snoop.db.testing.MigratedDatabase;
import dev.snoop.db.testing.ReferenceData;
import dev.snoop.ingest.reader.AuditEvent;
import dev.snoop.ingest.reader.ReadProblem;
import java.nio.file.Path;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import org.jooq.DSLContext;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/** Runs are atomic and idempotent; each request counts once; the aggregate is right. */
@ExtendWith(MigratedDatabase.class)
class AuditIngesterIT {
  private static final Release RELEASE = Release.parse("1.34.0");
  private static final String E2E = "e2e.test/v1.34.0 (linux/amd64) kubernetes/abc -- ";
  private final Database database;
  private final DSLContext sql;
  private final AuditIngester ingester;

  AuditIngesterIT(Database database, @TempDir Path cache) {
    this.database = database;
    this.sql = database.dsl();
    this.ingester = new AuditIngester(database);
    ReferenceData.releasesAndSpec(sql, new InputReader(cache), RELEASE, LevelRule.EXACT);
  }

  static AuditEvent event(String id, String stage, String verb, String uri, String agent) {
    return new AuditEvent(
        id,
        stage,
        verb,
        uri,
        agent,
        stage.equals("ResponseComplete") ? 200 : -1,
        1_700_000_000_000_000L,
        1_700_000_000_100_000L,
        null);
  }

  private static List<AuditEvent> traffic() {
    String test =
        E2E + "[sig-node] Pods should be submitted and removed [NodeConformance] [Conformance]";
    return List.of(
        event("a", "RequestReceived", "get", "/api/v1/namespaces/ns/pods/p", test),
        event("a", "ResponseComplete", "get", "/api/v1/namespaces/ns/pods/p", test),
        event("b", "ResponseComplete", "create", "/api/v1/namespaces/ns/pods", test),
        event("c", "ResponseComplete", "list", "/api/v1/nodes", "kubelet/v1.34.0"),
        event("d", "ResponseComplete", "get", "/healthz", "kube-probe/1.34"),
        event("e", "ResponseComplete", "list", "/apis/stable.example.com/v1/crontabs", test));
  }

  private IngestResult ingest(String source, List<AuditEvent> events) {
    return ingester.ingest(
        new IngestRequest(RELEASE, source, null, null, false, 10),
        session -> {
          events.forEach(session::event);
          return new AuditIngester.FeedResult(events.size() * 700L, events.size(), "sum-" + source);
        });
  }

  @Test
  void eachRequestCountsOnceAndIsMatchedAndAttributed() {
    IngestResult result = ingest("count.log", traffic());
    assertThat(result.eventsRead()).isEqualTo(6);
    assertThat(result.requests()).isEqualTo(5);
    assertThat(result.matched()).isEqualTo(3);
    assertThat(result.unmatched())
        .containsEntry("non_api_path", 1L)
        .containsEntry("unknown_api_group", 1L);
    assertThat(rows("select count(*) from audit_event where source = 'count.log'")).isEqualTo(5);
    assertThat(
            rows(
                "select hits from snoop.endpoint_hit where run_id = "
                    + result.runId()
                    + " and endpoint = 'readCoreV1NamespacedPod'"))
        .isEqualTo(1);
    assertThat(
            sql.fetchOne(
                    "select test, test_hit, conf_test_hit from snoop.endpoint_hit where run_id = ?"
                        + " and endpoint = 'createCoreV1NamespacedPod'",
                    result.runId())
                .intoList())
        .containsExactly(
            "[sig-node] Pods should be submitted and removed [NodeConformance] [Conformance]",
            true,
            true);
  }

  @Test
  void ingestingTheSameSourceAgainReplacesTheRun() {
    IngestResult first = ingest("again.log", traffic());
    IngestResult second = ingest("again.log", traffic());
    assertThat(second.runId()).isNotEqualTo(first.runId());
    assertThat(rows("select count(*) from snoop.ingest_run where source = 'again.log'"))
        .isEqualTo(1);
    assertThat(rows("select count(*) from audit_event where source = 'again.log'")).isEqualTo(5);
    assertThat(rows("select count(*) from snoop.endpoint_hit where run_id = " + first.runId()))
        .isZero();
    assertThat(
            rows(
                "select count(*) from pg_tables where schemaname = 'snoop'"
                    + " and tablename in ('audit_event_run_"
                    + first.runId()
                    + "', 'endpoint_hit_run_"
                    + first.runId()
                    + "')"))
        .isZero();
  }

  /**
   * An aggregate larger than the session may hold in memory is spilled to disk in pieces and summed
   * at commit: the same rows as a run that kept it all in memory, and no file left behind.
   */
  @Test
  void anAggregateLargerThanMemoryIsSpilledAndSummedTheSame() throws Exception {
    List<AuditEvent> events = new java.util.ArrayList<>();
    String[] uris = {
      "/api/v1/namespaces/ns/pods/p", "/api/v1/nodes", "/api/v1/namespaces/ns/configmaps/c"
    };
    for (int i = 0; i < 300; i++) {
      String agent = i % 7 == 0 ? "kubelet/v1.34.0" : E2E + "[sig-x] test " + (i % 11);
      events.add(
          new AuditEvent(
              "id-" + i,
              "ResponseComplete",
              i % 3 == 1 ? "list" : "get",
              uris[i % 3],
              agent,
              200,
              1_700_000_000_000_000L + i * 1_000_000L,
              1_700_000_000_000_000L + i * 1_000_000L,
              null));
    }
    IngestResult inMemory = ingest("memory.log", events);
    IngestResult spilled =
        new AuditIngester(database, 5)
            .ingest(
                new IngestRequest(RELEASE, "spilled.log", null, null, false, 10),
                session -> {
                  events.forEach(session::event);
                  return new AuditIngester.FeedResult(1, events.size(), "sum");
                });
    String rowsOf =
        "select endpoint, useragent, test, test_hit, conf_test_hit, hits, first_seen, last_seen"
            + " from snoop.endpoint_hit where run_id = ? order by endpoint, useragent";
    var expected = sql.fetch(rowsOf, inMemory.runId()).intoArrays();
    assertThat(expected.length).isGreaterThan(20);
    assertThat(sql.fetch(rowsOf, spilled.runId()).intoArrays()).isDeepEqualTo(expected);
    try (var left =
        java.nio.file.Files.list(Path.of(System.getProperty("java.io.tmpdir")))
            .filter(
                f ->
                    f.getFileName()
                        .toString()
                        .startsWith("snoop-endpoint-hits-" + spilled.runId() + "-"))) {
      assertThat(left).isEmpty();
    }
  }

  @Test
  void aFailingFeedLeavesNothing() {
    long runs = rows("select count(*) from snoop.ingest_run");
    long events = rows("select count(*) from audit_event");
    assertThatThrownBy(
            () ->
                ingester.ingest(
                    new IngestRequest(RELEASE, "broken.log", null, null, false, 10),
                    session -> {
                      traffic().forEach(session::event);
                      throw new IllegalStateException("disk on fire");
                    }))
        .hasMessageContaining("disk on fire");
    assertThat(rows("select count(*) from snoop.ingest_run")).isEqualTo(runs);
    assertThat(rows("select count(*) from audit_event")).isEqualTo(events);
    assertThat(rows("select count(*) from pg_tables where tablename like 'audit_event_run_%'"))
        .isEqualTo(runs);
    assertThat(rows("select count(*) from pg_tables where tablename like 'endpoint_hit_run_%'"))
        .isEqualTo(runs);
  }

  @Test
  void tooManyUnreadableLinesFailTheRunNamingThem() {
    long runs = rows("select count(*) from snoop.ingest_run");
    assertThatThrownBy(
            () ->
                ingester.ingest(
                    new IngestRequest(RELEASE, "bad.log", null, null, false, 1),
                    session -> {
                      session.problem(new ReadProblem("bad.log", 3, "not JSON"));
                      session.problem(new ReadProblem("bad.log", 7, "truncated"));
                      return new AuditIngester.FeedResult(0, 0, "");
                    }))
        .isInstanceOf(IngestProblemsException.class)
        .hasMessageContaining("bad.log:3: not JSON")
        .hasMessageContaining("bad.log:7: truncated");
    assertThat(rows("select count(*) from snoop.ingest_run")).isEqualTo(runs);
  }

  @Test
  void aRunWithoutAuditEventsIsRefusedSayingWhatWasReadAndLeavesTheEarlierRun() {
    IngestResult earlier = ingest("empty-later.log", traffic());
    long runs = rows("select count(*) from snoop.ingest_run");
    long events = rows("select count(*) from audit_event");
    assertThatThrownBy(
            () ->
                ingester.ingest(
                    new IngestRequest(RELEASE, "empty-later.log", null, null, false, 10),
                    session -> {
                      session.problem(new ReadProblem("empty-later.log", 1, "not valid JSON"));
                      session.skipped("kind Pod, not an audit Event");
                      session.skipped("kind Pod, not an audit Event");
                      return new AuditIngester.FeedResult(1234, 3, "sum");
                    }))
        .isInstanceOf(NoAuditEventsException.class)
        .hasMessage(
            "empty-later.log: no audit event in 1,234 bytes, 3 lines: 1 unreadable (first:"
                + " empty-later.log:1: not valid JSON), 2 skipped: kind Pod, not an audit Event;"
                + " nothing was stored");
    assertThatThrownBy(
            () ->
                ingester.ingest(
                    new IngestRequest(RELEASE, "empty-later.log", null, null, false, 10),
                    session -> new AuditIngester.FeedResult(0, 0, "")))
        .isInstanceOf(NoAuditEventsException.class)
        .hasMessage(
            "empty-later.log: no audit event: the source is empty (0 bytes); nothing was stored");
    assertThat(rows("select count(*) from snoop.ingest_run")).isEqualTo(runs);
    assertThat(rows("select count(*) from audit_event")).isEqualTo(events);
    assertThat(rows("select max(id) from snoop.ingest_run where source = 'empty-later.log'"))
        .isEqualTo(earlier.runId());
    assertThat(rows("select count(*) from pg_tables where tablename like 'audit_event_run_%'"))
        .isEqualTo(runs);
  }

  @Test
  void aRunWithoutAuditEventsIsStoredWhenAllowed() {
    IngestResult empty =
        ingester.ingest(
            new IngestRequest(RELEASE, "allowed-empty.log", null, null, false, 10, true, null),
            session -> new AuditIngester.FeedResult(0, 0, ""));
    assertThat(empty.eventsRead()).isZero();
    assertThat(
            rows(
                "select count(*) from snoop.ingest_run where events_read = 0 and id = "
                    + empty.runId()))
        .isEqualTo(1);
  }

  @Test
  void aReleaseWithNoSpecIsRefused() {
    assertThatThrownBy(
            () ->
                ingester.ingest(
                    new IngestRequest(Release.parse("1.33.0"), "x.log", null, null, false, 0),
                    session -> new AuditIngester.FeedResult(0, 0, "")))
        .hasMessageContaining("no spec is loaded for release 1.33.0");
  }

  /**
   * release_date is the run's time in epoch seconds (as APISnoop's users read it): the start the
   * source gives, else its first audit event, else nothing; every row of the run has it.
   */
  @Test
  void releaseDateIsTheRunsStartElseItsFirstEvent() {
    Instant buildStarted = Instant.parse("2026-05-01T08:00:00.750Z"); // 1777622400 seconds
    IngestResult build =
        ingester.ingest(
            new IngestRequest(RELEASE, "build-7", "job", "7", false, 0, false, buildStarted),
            feed(traffic()));
    IngestResult file = ingest("first-event.log", traffic()); // received at 1700000000.000000
    List<AuditEvent> timeless =
        traffic().stream()
            .map(
                e ->
                    new AuditEvent(
                        e.auditId(),
                        e.stage(),
                        e.verb(),
                        e.requestUri(),
                        e.userAgent(),
                        e.code(),
                        AuditEvent.NO_TIME,
                        AuditEvent.NO_TIME,
                        null))
            .toList();
    IngestResult unknown = ingest("timeless.log", timeless);

    assertThat(releaseDates(build)).containsExactly("1777622400");
    assertThat(releaseDates(file)).containsExactly("1700000000");
    assertThat(releaseDates(unknown)).containsOnlyNulls().isNotEmpty();
    assertThat(
            sql.fetch(
                    "select to_timestamp(release_date::bigint) from audit_event where run_id = ?"
                        + " limit 1",
                    build.runId())
                .get(0)
                .get(0, OffsetDateTime.class)
                .toInstant())
        .isEqualTo(Instant.parse("2026-05-01T08:00:00Z"));
    assertThat(runDate(build)).isEqualTo(OffsetDateTime.parse("2026-05-01T08:00:00.750Z"));
    assertThat(runDate(file)).isEqualTo(OffsetDateTime.parse("2023-11-14T22:13:20Z"));
    assertThat(runDate(unknown)).isNull();
  }

  private static AuditIngester.Feed feed(List<AuditEvent> events) {
    return session -> {
      events.forEach(session::event);
      return new AuditIngester.FeedResult(0, 0, "");
    };
  }

  private List<String> releaseDates(IngestResult run) {
    return sql.fetch("select distinct release_date from audit_event where run_id = ?", run.runId())
        .getValues(0, String.class);
  }

  private OffsetDateTime runDate(IngestResult run) {
    OffsetDateTime time =
        sql.fetchOne("select run_date from snoop.ingest_run where id = ?", run.runId())
            .get(0, OffsetDateTime.class);
    return time == null ? null : time.withOffsetSameInstant(ZoneOffset.UTC);
  }

  private long rows(String query) {
    return ((Number) sql.fetchValue(query)).longValue();
  }
}
