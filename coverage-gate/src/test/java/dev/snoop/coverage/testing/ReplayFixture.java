package dev.snoop.coverage.testing;

import static dev.snoop.db.jooq.public_.Tables.OPEN_API;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.snoop.db.Database;
import dev.snoop.db.conformance.ConformanceLists;
import dev.snoop.db.conformance.ConformanceTest;
import dev.snoop.db.conformance.EndpointLists;
import dev.snoop.db.input.Input;
import dev.snoop.db.input.InputReader;
import dev.snoop.db.release.Release;
import dev.snoop.db.spec.LevelRule;
import dev.snoop.db.testing.ReferenceData;
import dev.snoop.db.testing.SharedData;
import dev.snoop.ingest.AuditIngester;
import dev.snoop.ingest.FileFeed;
import dev.snoop.ingest.IngestRequest;
import dev.snoop.ingest.IngestResult;
import dev.snoop.ingest.reader.AuditSources;
import dev.snoop.ingest.reader.ReaderOptions;
import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * APISnoop's 1.33.0 coverage reproduced in a test database: the release catalogue, the v1.33.0 spec
 * under the apisnoop level rule, v1.33's conformance.yaml, APISnoop's ineligible list, and the
 * audit replay derived from APISnoop's 1.33.0.json.
 *
 * <p>The replay has one event per (endpoint, named e2e test) of APISnoop's file. APISnoop's {@code
 * tests} also list "" (e2e.test outside any test, suite setup) and null (other agents) where those
 * hit an endpoint; the replay has no such events. The fixture writes them as a second log, made
 * from the same file: one suite-setup event per endpoint whose tests hold "", one kube-controller-
 * manager event per endpoint whose tests hold null. Then every endpoint's published row can be
 * reproduced in full.
 */
public final class ReplayFixture {
  public static final Release RELEASE = Release.parse("1.33.0");
  public static final ObjectMapper JSON = new ObjectMapper();
  private static final Instant REPLAY_TIME = Instant.parse("2025-01-01T00:00:00Z");

  public final JsonNode published;
  public final List<ConformanceTest> conformanceTests;
  public final IngestResult replay;
  public final IngestResult supplement;

  public ReplayFixture(Database database, Path temp) throws IOException {
    var sql = database.dsl();
    InputReader reader = new InputReader(temp.resolve("cache"));
    ReferenceData.releasesAndSpec(sql, reader, RELEASE, LevelRule.APISNOOP);
    conformanceTests =
        new ConformanceLists(sql, reader)
            .load(RELEASE, Input.file(SharedData.path("conformance-yaml/v1.33.yaml")));
    new EndpointLists(sql, reader)
        .loadIneligible(
            Input.file(SharedData.path("apisnoop-coverage/ineligible_endpoints.json")), RELEASE);
    published = JSON.readTree(SharedData.path("apisnoop-coverage/1.33.0.json").toFile());

    Path replayLog = SharedData.path("audit/derived-apisnoop-replay/replay-1.33.0.jsonl");
    replay = ingest(database, replayLog, temp);
    Map<String, String[]> operations =
        sql.select(OPEN_API.ENDPOINT, OPEN_API.PATH, OPEN_API.HTTP_METHOD)
            .from(OPEN_API)
            .where(OPEN_API.RELEASE.eq(RELEASE.toString()))
            .fetchMap(OPEN_API.ENDPOINT, r -> new String[] {r.value2(), r.value3()});
    supplement =
        ingest(database, writeSupplement(temp.resolve("supplement.jsonl"), operations), temp);
  }

  private static IngestResult ingest(Database database, Path log, Path temp) throws IOException {
    return new AuditIngester(database)
        .ingest(
            new IngestRequest(RELEASE, log.toString(), null, null, false, 0),
            new FileFeed(
                AuditSources.expand(List.of(log.toString()), temp.resolve("cache")),
                ReaderOptions.defaults(),
                n -> {}));
  }

  private Path writeSupplement(Path file, Map<String, String[]> operations) throws IOException {
    try (BufferedWriter out = Files.newBufferedWriter(file)) {
      for (JsonNode e : published.path("endpoints")) {
        String[] operation = operations.get(e.path("endpoint").asText());
        for (JsonNode test : e.path("tests")) {
          String agent;
          if (test.isNull()) {
            agent = "kube-controller-manager/v1.33.0 (linux/amd64) kubernetes/0000000";
          } else if (test.asText().isEmpty()) {
            agent = "e2e.test/v1.33.0 (linux/amd64) kubernetes/0000000";
          } else {
            continue;
          }
          out.write(
              JSON.writeValueAsString(
                  TestEvents.event(operation[0], operation[1], agent, REPLAY_TIME)));
          out.newLine();
        }
      }
    }
    return file;
  }

  /** APISnoop's endpoint records by operationId. */
  public Map<String, JsonNode> publishedEndpoints() {
    return streamOf(published.path("endpoints"))
        .collect(Collectors.toMap(e -> e.path("endpoint").asText(), e -> e));
  }

  /** APISnoop's ineligible list. */
  public JsonNode ineligible() throws IOException {
    return JSON.readTree(SharedData.path("apisnoop-coverage/ineligible_endpoints.json").toFile());
  }

  public static java.util.stream.Stream<JsonNode> streamOf(JsonNode array) {
    return java.util.stream.StreamSupport.stream(array.spliterator(), false);
  }
}
