package dev.snoop.web.live;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.snoop.db.Database;
import dev.snoop.db.input.InputReader;
import dev.snoop.db.release.Release;
import dev.snoop.db.spec.LevelRule;
import dev.snoop.db.testing.MigratedDatabase;
import dev.snoop.db.testing.ReferenceData;
import dev.snoop.db.testing.SharedData;
import dev.snoop.ingest.AuditIngester;
import dev.snoop.ingest.FileFeed;
import dev.snoop.ingest.IngestRequest;
import dev.snoop.ingest.reader.AuditSources;
import dev.snoop.ingest.reader.ReaderOptions;
import dev.snoop.web.ApiToken;
import dev.snoop.web.ServerOptions;
import dev.snoop.web.WebServer;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.zip.GZIPOutputStream;
import org.jooq.DSLContext;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * The live sink as kube-apiserver's audit webhook uses it, over real coverage (the 1.33.0 spec and
 * APISnoop's 1.33.0 replay ingested): batches of real audit events (audit2rbac's demo.log, 37
 * requests of a kubectl session) posted as an {@code audit.k8s.io/v1} EventList, plain or gzip,
 * land in testing.audit_event and move the projected change in coverage; bad and oversized batches
 * are refused with nothing stored; the live API reads them back.
 */
@ExtendWith(MigratedDatabase.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class AuditSinkIT {
  private static final Release RELEASE = Release.parse("1.33.0");
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final long LIMIT = 256 * 1024;
  private static final String TOKEN = "t0ken-for-the-live-view";

  /** Operations of requests in demo.log that the 1.33.0 spec has for certain. */
  private static final Set<String> DEMO_OPERATIONS =
      Set.of(
          "listCoreV1NamespacedPod",
          "listCoreV1Node",
          "listCoreV1PodForAllNamespaces",
          "listCoreV1NamespacedConfigMap",
          "listCoreV1NamespacedSecret",
          "getCoreAPIVersions",
          "getAPIVersions",
          "getCoreV1APIResources",
          "getAuthenticationV1APIResources",
          "getAuthorizationV1APIResources",
          "getBatchV1APIResources",
          "getStorageV1APIResources");

  private final HttpClient http = HttpClient.newHttpClient();
  private DSLContext sql;
  private WebServer server;
  private List<ObjectNode> demo;

  @BeforeAll
  void start(Database database, @TempDir Path temp) throws IOException {
    sql = database.dsl();
    ReferenceData.releasesAndSpec(
        sql, new InputReader(temp.resolve("cache")), RELEASE, LevelRule.APISNOOP);
    String replay = SharedData.path("audit/derived-apisnoop-replay/replay-1.33.0.jsonl").toString();
    new AuditIngester(database)
        .ingest(
            new IngestRequest(RELEASE, replay, null, null, false, 0),
            new FileFeed(
                AuditSources.expand(List.of(replay), temp.resolve("cache")),
                ReaderOptions.defaults(),
                n -> {}));
    demo = new ArrayList<>();
    for (String line : Files.readAllLines(SharedData.path("audit/audit2rbac/demo.log"))) {
      demo.add((ObjectNode) JSON.readTree(line));
    }
    server =
        WebServer.start(
            new ServerOptions("127.0.0.1", 0, Optional.of(TOKEN), LIMIT),
            List.of(
                new AuditSink(database, RELEASE, LIMIT),
                new LiveApi(new LiveStore(sql), RELEASE, new ApiToken(Optional.of(TOKEN)))));
  }

  @AfterAll
  void stop() {
    server.close();
  }

  @Test
  void aBatchAsKubeApiserverPostsItMovesTheProjectedChangeInCoverage() throws Exception {
    // APISnoop's views count user agents starting with "live"; the live API takes any agent
    String agent = "live-test-writing/v0.1 (linux/amd64) snoop-test";
    long before = apisnoopChange();

    HttpResponse<String> answer = post(eventList(agent, "-plain"), false);
    assertThat(answer.statusCode()).isEqualTo(200);
    JsonNode batch = JSON.readTree(answer.body());
    assertThat(batch.get("events").asInt()).isEqualTo(demo.size());
    assertThat(batch.get("stored").asInt()).isEqualTo(demo.size());

    Set<String> hit = storedEndpoints(agent);
    assertThat(hit).containsAll(DEMO_OPERATIONS);
    long untested =
        sql.fetchCount(
            sql.selectFrom("public.endpoint_coverage")
                .where(
                    "release = ? and not tested and endpoint = any(?)",
                    "1.33.0",
                    hit.toArray(String[]::new)));
    assertThat(untested).isPositive();
    assertThat(apisnoopChange()).isEqualTo(before + untested);

    JsonNode live = getJson("/api/live?useragent=" + encode(agent) + "&release=1.33.0");
    assertThat(live.get("release").asText()).isEqualTo("1.33.0");
    assertThat(live.get("endpoints").findValuesAsText("endpoint"))
        .containsExactlyInAnyOrderElementsOf(hit);
    JsonNode change = live.get("projected_change");
    assertThat(change.get("change_in_number").asLong()).isEqualTo(untested);
    assertThat(change.get("new_coverage").asLong() - change.get("old_coverage").asLong())
        .isEqualTo(untested);
    assertThat(change.get("old_coverage").asLong())
        .isEqualTo(
            sql.fetchCount(
                sql.selectFrom("public.endpoint_coverage").where("release = '1.33.0' and tested")));
    long adding = 0;
    for (JsonNode e : live.get("endpoints")) {
      assertThat(e.get("adds_coverage").asBoolean()).isEqualTo(!e.get("tested").asBoolean());
      adding += e.get("adds_coverage").asBoolean() ? 1 : 0;
    }
    assertThat(adding).isEqualTo(untested);

    JsonNode agents = getJson("/api/live/agents");
    JsonNode mine = agent(agents, agent);
    assertThat(mine.get("events").asInt()).isEqualTo(demo.size());
    assertThat(mine.get("endpoints").asInt()).isEqualTo(hit.size());
  }

  @Test
  void aGzipBatchIsReadWithOrWithoutItsContentEncoding() throws Exception {
    String agent = "kubectl/v1.33.0 (linux/amd64) gzip-writer";
    HttpResponse<String> withHeader = post(gzip(eventList(agent, "-gzip-1")), true);
    assertThat(withHeader.statusCode()).isEqualTo(200);
    assertThat(JSON.readTree(withHeader.body()).get("stored").asInt()).isEqualTo(demo.size());
    HttpResponse<String> magicOnly = post(gzip(eventList(agent, "-gzip-2")), false);
    assertThat(magicOnly.statusCode()).isEqualTo(200);
    assertThat(storedEvents(agent)).isEqualTo(2L * demo.size());
    assertThat(storedEndpoints(agent)).containsAll(DEMO_OPERATIONS);
  }

  @Test
  void aBadBatchIsRefusedWholeWithTheReason() throws Exception {
    String agent = "kubectl/v1.33.0 bad-batch";
    String whole = new String(eventList(agent, "-bad"), StandardCharsets.UTF_8);
    // kube-apiserver killed mid-request: the batch is cut in its last event
    byte[] cut = whole.substring(0, whole.length() - 200).getBytes(StandardCharsets.UTF_8);
    HttpResponse<String> answer = post(cut, false);
    assertThat(answer.statusCode()).isEqualTo(400);
    assertThat(JSON.readTree(answer.body()).get("error").asText())
        .startsWith("audit batch from live:127.0.0.1")
        .endsWith("nothing of the batch was stored");
    // a gzip body cut short
    byte[] zipped = gzip(eventList(agent, "-bad-gzip"));
    byte[] zippedCut = java.util.Arrays.copyOf(zipped, zipped.length - 40);
    HttpResponse<String> gzipAnswer = post(zippedCut, true);
    assertThat(gzipAnswer.statusCode()).isEqualTo(400);
    assertThat(JSON.readTree(gzipAnswer.body()).get("error").asText()).contains("gzip");
    assertThat(storedEvents(agent)).isZero();
  }

  @Test
  void aBatchOverTheLimitIs413AsSentOrInflatedAndNothingIsStored() throws Exception {
    String agent = "kubectl/v1.33.0 big-batch";
    ByteArrayOutputStream big = new ByteArrayOutputStream();
    int copies = 0;
    while (big.size() <= LIMIT) {
      big.reset();
      copies++;
      big.write(eventList(agent, "-big", copies));
    }
    HttpResponse<String> answer = post(big.toByteArray(), false);
    assertThat(answer.statusCode()).isEqualTo(413);
    assertThat(JSON.readTree(answer.body()).get("error").asText()).contains("at most " + LIMIT);

    // the same sent chunked, without a Content-Length
    HttpResponse<String> chunked =
        http.send(
            HttpRequest.newBuilder(server.uri().resolve("/audit/events"))
                .header("Content-Type", "application/json")
                .POST(
                    HttpRequest.BodyPublishers.ofInputStream(
                        () -> new ByteArrayInputStream(big.toByteArray())))
                .build(),
            HttpResponse.BodyHandlers.ofString());
    assertThat(chunked.statusCode()).isEqualTo(413);

    // a gzip bomb: a few KB on the wire, megabytes inflated
    String padded =
        new String(eventList(agent, "-bomb"), StandardCharsets.UTF_8)
            .replaceFirst("\"items\":", "\"items\":" + " ".repeat(8 * 1024 * 1024));
    byte[] bomb = gzip(padded.getBytes(StandardCharsets.UTF_8));
    assertThat((long) bomb.length).isLessThan(LIMIT);
    HttpResponse<String> bombAnswer = post(bomb, true);
    assertThat(bombAnswer.statusCode()).isEqualTo(413);
    assertThat(JSON.readTree(bombAnswer.body()).get("error").asText()).contains("inflated");
    assertThat(storedEvents(agent)).isZero();
  }

  @Test
  void withoutTheReleasesSpecBatchesAreRefusedForTheSenderToRetry(Database database)
      throws Exception {
    try (WebServer other =
        WebServer.start(
            ServerOptions.local(0),
            List.of(new AuditSink(database, Release.parse("1.34.0"), LIMIT)))) {
      HttpResponse<String> answer =
          http.send(
              HttpRequest.newBuilder(other.uri().resolve("/audit/events"))
                  .POST(HttpRequest.BodyPublishers.ofByteArray(eventList("x", "-nospec")))
                  .build(),
              HttpResponse.BodyHandlers.ofString());
      assertThat(answer.statusCode()).isEqualTo(503);
      assertThat(answer.body()).contains("no spec is loaded for release 1.34.0");
    }
    assertThat(storedEvents("x")).isZero();
  }

  @Test
  void clearingTheLiveEventsNeedsTheToken() throws Exception {
    String agent = "kubectl/v1.33.0 to-clear";
    assertThat(post(eventList(agent, "-clear"), false).statusCode()).isEqualTo(200);
    URI clear = server.uri().resolve("/api/live?useragent=" + encode(agent));
    HttpResponse<String> without =
        http.send(
            HttpRequest.newBuilder(clear).DELETE().build(), HttpResponse.BodyHandlers.ofString());
    assertThat(without.statusCode()).isEqualTo(401);
    HttpResponse<String> wrong =
        http.send(
            HttpRequest.newBuilder(clear).header("Authorization", "Bearer nope").DELETE().build(),
            HttpResponse.BodyHandlers.ofString());
    assertThat(wrong.statusCode()).isEqualTo(401);
    assertThat(storedEvents(agent)).isEqualTo(demo.size());

    HttpResponse<String> with =
        http.send(
            HttpRequest.newBuilder(clear)
                .header("Authorization", "Bearer " + TOKEN)
                .DELETE()
                .build(),
            HttpResponse.BodyHandlers.ofString());
    assertThat(with.statusCode()).isEqualTo(200);
    assertThat(JSON.readTree(with.body()).get("deleted").asInt()).isEqualTo(demo.size());
    assertThat(storedEvents(agent)).isZero();
    assertThat(agent(getJson("/api/live/agents"), agent)).isNull();
  }

  @Test
  void theLiveViewNamesABadOrUnknownParameter() throws Exception {
    assertThat(get("/api/live").statusCode()).isEqualTo(400);
    assertThat(get("/api/live").body()).contains("parameter useragent");
    assertThat(get("/api/live?useragent=x&release=1.x").statusCode()).isEqualTo(400);
    assertThat(get("/api/live?useragent=x&release=1.x").body()).contains("parameter release");
    assertThat(get("/api/live?useragent=x&release=1.20.0").statusCode()).isEqualTo(404);
    HttpResponse<String> unknown = get("/api/live?useragent=nobody-at-all");
    assertThat(unknown.statusCode()).isEqualTo(404);
    assertThat(unknown.body()).contains("nobody-at-all");
  }

  /** APISnoop's projected change: operations the "live" agents add to the latest release. */
  private long apisnoopChange() {
    return sql.resultQuery("select change_in_number from testing.projected_change_in_coverage")
        .fetchSingle(0, Long.class);
  }

  private Set<String> storedEndpoints(String agent) {
    return new TreeSet<>(
        sql.resultQuery(
                "select distinct endpoint from testing.audit_event where useragent = ? and"
                    + " endpoint is not null",
                agent)
            .fetch(0, String.class));
  }

  private long storedEvents(String agent) {
    return sql.resultQuery("select count(*) from testing.audit_event where useragent = ?", agent)
        .fetchSingle(0, Long.class);
  }

  private static JsonNode agent(JsonNode agents, String agent) {
    for (JsonNode a : agents) {
      if (agent.equals(a.get("useragent").asText(null))) {
        return a;
      }
    }
    return null;
  }

  /** demo.log's events as one EventList, as the test's client would have sent them. */
  private byte[] eventList(String agent, String idSuffix) throws IOException {
    return eventList(agent, idSuffix, 1);
  }

  /**
   * demo.log's events {@code copies} times in one EventList, each with {@code agent} (demo.log was
   * recorded without user agents) and an auditID of its own.
   */
  private byte[] eventList(String agent, String idSuffix, int copies) throws IOException {
    ObjectNode list = JSON.createObjectNode();
    list.put("kind", "EventList").put("apiVersion", "audit.k8s.io/v1").putObject("metadata");
    ArrayNode items = list.putArray("items");
    for (int copy = 0; copy < copies; copy++) {
      for (ObjectNode event : demo) {
        ObjectNode e = event.deepCopy();
        e.put("auditID", e.get("auditID").asText() + idSuffix + "-" + copy);
        e.put("userAgent", agent);
        items.add(e);
      }
    }
    return JSON.writeValueAsBytes(list);
  }

  private static byte[] gzip(byte[] body) throws IOException {
    ByteArrayOutputStream zipped = new ByteArrayOutputStream();
    try (GZIPOutputStream out = new GZIPOutputStream(zipped)) {
      out.write(body);
    }
    return zipped.toByteArray();
  }

  /** As kube-apiserver's webhook posts a batch. */
  private HttpResponse<String> post(byte[] body, boolean gzipEncoded) throws Exception {
    HttpRequest.Builder request =
        HttpRequest.newBuilder(server.uri().resolve("/audit/events"))
            .header("Content-Type", "application/json")
            .header("Accept", "application/json, */*")
            .POST(HttpRequest.BodyPublishers.ofByteArray(body));
    if (gzipEncoded) {
      request.header("Content-Encoding", "gzip");
    }
    return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
  }

  private HttpResponse<String> get(String path) throws Exception {
    return http.send(
        HttpRequest.newBuilder(server.uri().resolve(path)).build(),
        HttpResponse.BodyHandlers.ofString());
  }

  private JsonNode getJson(String path) throws Exception {
    HttpResponse<String> response = get(path);
    assertThat(response.statusCode()).as(path + ": " + response.body()).isEqualTo(200);
    return JSON.readTree(response.body());
  }

  private static String encode(String text) {
    return URLEncoder.encode(text, StandardCharsets.UTF_8);
  }
}
