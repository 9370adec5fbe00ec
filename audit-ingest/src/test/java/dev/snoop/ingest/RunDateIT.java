package dev.snoop.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.snoop.db.Database;
import dev.snoop.db.input.InputReader;
import dev.snoop.db.release.Release;
import dev.snoop.db.release.ReleaseCatalogue;
import dev.snoop.db.spec.LevelRule;
import dev.snoop.db.testing.MigratedDatabase;
import dev.snoop.db.testing.QueryDoc;
import dev.snoop.db.testing.ReferenceData;
import dev.snoop.db.testing.SharedData;
import dev.snoop.ingest.prow.BucketServer;
import dev.snoop.ingest.prow.HttpProwBucket;
import dev.snoop.ingest.prow.ProwAuditLogs;
import dev.snoop.ingest.prow.ProwFetcher;
import dev.snoop.ingest.prow.ProwRequest;
import dev.snoop.ingest.reader.AuditSources;
import dev.snoop.ingest.reader.ReaderOptions;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.jooq.DSLContext;
import org.jooq.Record;
import org.jooq.Result;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * {@code to_timestamp(release_date::bigint)} gives each run's time, as APISnoop's users read it: a
 * Prow build's start from its started.json, a file's first audit event, and in the live sink each
 * event's own time. The real 1.33.0 replay is ingested twice: from a file and as the audit log of a
 * Prow build, in a fake bucket, that started now.
 */
@ExtendWith(MigratedDatabase.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class RunDateIT {
  private static final Release RELEASE = Release.parse("1.33.0");
  private static final String JOB = "ci-kubernetes-audit-kind-conformance";
  private static final String BUILD = "1912345678901234567";
  private static final String AGGREGATOR_TEST =
      "[sig-api-machinery] Aggregator Should be able to support the 1.17 Sample API Server using"
          + " the current Aggregator [Conformance]";

  private final Database database;
  private final DSLContext sql;
  private final Path temp;
  private final Path replay = SharedData.path("audit/derived-apisnoop-replay/replay-1.33.0.jsonl");
  // An hour ahead: still today when the queries ask for current_date, even if midnight passes while
  // the test runs.
  private final Instant buildStarted =
      Instant.now().plus(1, ChronoUnit.HOURS).truncatedTo(ChronoUnit.SECONDS);
  private final IngestResult prowRun;
  private final IngestResult fileRun;

  RunDateIT(Database database) throws IOException {
    this.database = database;
    this.sql = database.dsl();
    this.temp = Files.createTempDirectory("run-date");
    ReferenceData.releasesAndSpec(
        sql, new InputReader(temp.resolve("cache")), RELEASE, LevelRule.APISNOOP);
    this.prowRun = ingestProwBuild();
    this.fileRun =
        ingest(
            new IngestRequest(RELEASE, replay.toString(), null, null, false, 0),
            List.of(replay.toString()));
  }

  @AfterAll
  void removeTemp() throws IOException {
    try (Stream<Path> files = Files.walk(temp)) {
      files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    }
  }

  /** A kind build whose audit log is the replay, fetched from a fake bucket as snoop fetches it. */
  private IngestResult ingestProwBuild() throws IOException {
    String build = "logs/" + JOB + "/" + BUILD + "/";
    try (BucketServer bucket = new BucketServer(temp.resolve("bucket"))) {
      bucket
          .put(build + "started.json", "{\"timestamp\": " + buildStarted.getEpochSecond() + "}")
          .put(
              build + "finished.json",
              "{\"timestamp\": "
                  + (buildStarted.getEpochSecond() + 3600)
                  + ", \"result\": \"SUCCESS\"}")
          .put(build + "artifacts/logs/kind-control-plane/kubernetes-version.txt", "v1.33.0\n")
          .put(build + "artifacts/audit/audit.log", Files.readAllBytes(replay));
      ProwAuditLogs logs =
          new ProwFetcher(new HttpProwBucket(bucket.url()), temp.resolve("cache"))
              .fetch(ProwRequest.latest(JOB));
      Release release =
          ProwIngest.release(logs.build(), Optional.empty(), new ReleaseCatalogue(sql));
      assertThat(release).isEqualTo(RELEASE);
      return ingest(ProwIngest.request(logs, release, false, 0, false), ProwIngest.files(logs));
    }
  }

  private IngestResult ingest(IngestRequest request, List<String> files) {
    return new AuditIngester(database)
        .ingest(
            request,
            new FileFeed(
                AuditSources.expand(files, temp.resolve("cache")),
                ReaderOptions.defaults(),
                n -> {}));
  }

  /** The replay's earliest requestReceivedTimestamp, read here with Jackson, not by snoop. */
  private Instant firstEventOfTheReplay() throws IOException {
    ObjectMapper json = new ObjectMapper();
    try (Stream<String> lines = Files.lines(replay)) {
      return lines
          .map(line -> readTree(json, line).path("requestReceivedTimestamp").asText())
          .map(Instant::parse)
          .min(Instant::compareTo)
          .orElseThrow()
          .truncatedTo(ChronoUnit.SECONDS);
    }
  }

  private static com.fasterxml.jackson.databind.JsonNode readTree(ObjectMapper json, String line) {
    try {
      return json.readTree(line);
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  @Test
  void eachRunsRowsCarryItsRunTimeAndSoDoesItsRunRecord() throws IOException {
    Map<Long, Instant> expected =
        Map.of(prowRun.runId(), buildStarted, fileRun.runId(), firstEventOfTheReplay());
    assertThat(expected.get(fileRun.runId())).isNotEqualTo(buildStarted);
    Map<Long, Instant> rowTimes = new TreeMap<>();
    for (Record r :
        sql.fetch(
            "select run_id, count(*), count(distinct release_date),"
                + " min(to_timestamp(release_date::bigint)) from audit_event group by run_id")) {
      assertThat(r.get(1, Long.class)).isEqualTo(13_629L);
      assertThat(r.get(2, Long.class)).as("one release_date per run").isEqualTo(1L);
      rowTimes.put(r.get(0, Long.class), r.get(3, OffsetDateTime.class).toInstant());
    }
    assertThat(rowTimes).isEqualTo(expected);
    Map<Long, Instant> runDates = new TreeMap<>();
    sql.fetch("select id, run_date from snoop.ingest_run")
        .forEach(
            r -> runDates.put(r.get(0, Long.class), r.get(1, OffsetDateTime.class).toInstant()));
    assertThat(runDates).isEqualTo(expected);
  }

  @Test
  void theLiveSinksRowsCarryEachEventsOwnTime() {
    LiveAuditIngest live = new LiveAuditIngest(database, RELEASE);
    String received = "2026-03-01T10:15:30.900000Z";
    String stageOnly = "2026-03-01T10:20:00.100000Z";
    String batch =
        "{\"kind\":\"EventList\",\"apiVersion\":\"audit.k8s.io/v1\",\"items\":["
            + event(
                "x",
                "\"requestReceivedTimestamp\":\""
                    + received
                    + "\",\"stageTimestamp\":\"2026-03-01T10:16:00Z\"")
            + ","
            + event("y", "\"stageTimestamp\":\"" + stageOnly + "\"")
            + "]}";
    live.accept(new ByteArrayInputStream(batch.getBytes(StandardCharsets.UTF_8)), "live:test");
    Map<String, Instant> times = new TreeMap<>();
    sql.fetch("select audit_id, to_timestamp(release_date::bigint) from testing.audit_event")
        .forEach(
            r -> times.put(r.get(0, String.class), r.get(1, OffsetDateTime.class).toInstant()));
    assertThat(times)
        .isEqualTo(
            Map.of(
                "x", Instant.parse(received).truncatedTo(ChronoUnit.SECONDS),
                "y", Instant.parse(stageOnly).truncatedTo(ChronoUnit.SECONDS)));
  }

  private static String event(String auditId, String times) {
    return "{\"kind\":\"Event\",\"apiVersion\":\"audit.k8s.io/v1\",\"level\":\"Metadata\","
        + "\"auditID\":\""
        + auditId
        + "\",\"stage\":\"ResponseComplete\","
        + "\"requestURI\":\"/api/v1/namespaces\",\"verb\":\"list\",\"userAgent\":\"kubectl/v1.33.0\","
        + times
        + "}";
  }

  /** The queries of docs/queries.md about audit runs, APISnoop's own, give each run's time. */
  @Test
  void theDocsQueriesTellEachRunsTime() throws IOException {
    List<String> q =
        QueryDoc.section("When each audit run ran").stream().map(QueryDoc.Example::sql).toList();
    assertThat(q).hasSize(3);
    String prowSource = "https://prow.k8s.io/view/gcs/kubernetes-ci-logs/logs/" + JOB + "/" + BUILD;

    Map<String, Instant> runs = new TreeMap<>();
    for (Record r : sql.fetch(q.get(0))) {
      assertThat(r.get("release")).isEqualTo("1.33.0");
      runs.put(r.get("source", String.class), r.get("run_date", OffsetDateTime.class).toInstant());
    }
    assertThat(runs)
        .isEqualTo(Map.of(prowSource, buildStarted, replay.toString(), firstEventOfTheReplay()));

    // The build started today, the replay's events are from 2025.
    Result<Record> groups = sql.fetch(q.get(1));
    Map<String, String> groupBySource = new TreeMap<>();
    groups.forEach(
        r ->
            groupBySource.put(
                r.get("source", String.class), r.get("coverage_group", String.class)));
    assertThat(groupBySource)
        .isEqualTo(Map.of(prowSource, "current", replay.toString(), "previous"));

    // Today's runs: the Prow build's, which is the same log as the file's.
    List<String> hitToday = sql.fetch(q.get(2)).getValues("endpoint", String.class);
    List<String> hitInTheFile =
        sql.fetch(
                "select endpoint from audit_event where test = {0} and source = {1}"
                    + " group by endpoint",
                AGGREGATOR_TEST, replay.toString())
            .getValues(0, String.class);
    assertThat(hitToday).isNotEmpty().containsExactlyInAnyOrderElementsOf(hitInTheFile);
    assertThat(q.get(2)).contains(AGGREGATOR_TEST);
  }

  /** An ingest run's own table is part of audit_event, not a relation to describe. */
  @Test
  void describeRelationsLeavesOutTheRunsPartitions() {
    assertThat(
            sql.fetchValue(
                "select count(*) from pg_class where relname like 'audit_event_run_%'", Long.class))
        .isEqualTo(2L);
    assertThat(sql.fetch("select * from describe_relations() where name like 'audit_event_run%'"))
        .isEmpty();
    assertThat(sql.fetch("select * from describe_relations() where name = 'audit_event'"))
        .hasSize(2);
  }
}
