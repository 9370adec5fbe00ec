package dev.snoop.web.apisnoop;

import static dev.snoop.coverage.testing.ReplayFixture.streamOf;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import dev.snoop.coverage.export.ApisnoopExporter;
import dev.snoop.coverage.testing.ReplayFixture;
import dev.snoop.db.Database;
import dev.snoop.db.conformance.EndpointLists;
import dev.snoop.db.input.Input;
import dev.snoop.db.input.InputReader;
import dev.snoop.db.testing.MigratedDatabase;
import dev.snoop.db.testing.SharedData;
import dev.snoop.web.CoverageCache;
import dev.snoop.web.ServerOptions;
import dev.snoop.web.TestClient;
import dev.snoop.web.WebServer;
import dev.snoop.web.api.CoverageApi;
import dev.snoop.web.api.EndpointsApi;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * APISnoop's files under /apisnoop/ over APISnoop's 1.33.0 coverage: the bytes snoop export writes,
 * APISnoop's shapes and numbers, gzip and CORS for its web app, and no way out of what is served.
 */
@ExtendWith(MigratedDatabase.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ApisnoopFilesIT {
  private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

  private final ReplayFixture fixture;
  private final Database database;
  private final Path temp;
  private final Path exported;
  private final WebServer server;
  private final TestClient client;

  ApisnoopFilesIT(Database database, @TempDir Path temp) throws IOException {
    this.fixture = new ReplayFixture(database, temp);
    this.database = database;
    this.temp = temp;
    this.exported = temp.resolve("export");
    new ApisnoopExporter(database.dsl()).exportAll(exported);
    this.server =
        WebServer.start(
            ServerOptions.local(0),
            List.of(
                new ApisnoopRoutes(database.dsl()),
                new CoverageApi(database.dsl()),
                new EndpointsApi(database.dsl())));
    this.client = new TestClient(server);
  }

  @AfterAll
  void stop() {
    server.close();
  }

  @Test
  void everyFileEqualsWhatExportWrites() throws IOException {
    List<String> names = new ArrayList<>();
    try (Stream<Path> files = Files.list(exported)) {
      files.forEach(f -> names.add(f.getFileName().toString()));
    }
    assertThat(names)
        .containsExactlyInAnyOrder(
            "1.33.0.json",
            "releases.yaml",
            "conformance-progress.json",
            "conformance-coverage-per-release.json",
            "conformance-endpoints.json",
            "new-endpoints.json",
            "ineligible_endpoints.json",
            "ineligible_endpoints.yaml",
            "pending_eligible_endpoints.yaml");
    for (String name : names) {
      HttpResponse<byte[]> response = client.get("/apisnoop/" + name);
      assertThat(response.statusCode()).as(name).isEqualTo(200);
      assertThat(response.body()).as(name).isEqualTo(Files.readAllBytes(exported.resolve(name)));
      // Asked again, from what the server keeps.
      assertThat(client.get("/apisnoop/" + name).body()).as(name).isEqualTo(response.body());
    }
  }

  @Test
  void releasesYamlListsTheReleasesServedWithApisnoopsDates() throws IOException {
    JsonNode releases = YAML.readTree(client.get("/apisnoop/releases.yaml").body());
    assertThat(releases).hasSize(1);
    JsonNode theirs =
        streamOf(YAML.readTree(SharedData.path("apisnoop-coverage/releases.yaml").toFile()))
            .filter(r -> r.path("version").asText().equals("1.33.0"))
            .findFirst()
            .orElseThrow();
    assertThat(releases.get(0)).isEqualTo(theirs);
    assertThat(client.get("/apisnoop/1.32.0.json").statusCode()).isEqualTo(404);
  }

  @Test
  void theReleaseFileHasApisnoopsNumbersAndTheK8sNamesItsAppReads() {
    JsonNode ours = client.json("/apisnoop/1.33.0.json");
    for (String field : List.of("release", "release_date", "total endpoints", "tested endpoints")) {
      assertThat(ours.path(field)).as(field).isEqualTo(fixture.published.path(field));
    }
    JsonNode deployment =
        streamOf(ours.path("endpoints"))
            .filter(e -> e.path("endpoint").asText().equals("readAppsV1NamespacedDeployment"))
            .findFirst()
            .orElseThrow();
    assertThat(deployment.path("k8s_group").asText()).isEqualTo("apps");
    assertThat(deployment.path("k8s_version").asText()).isEqualTo("v1");
    assertThat(deployment.path("k8s_kind").asText()).isEqualTo("Deployment");
  }

  @Test
  void conformanceEndpointsSayTestedReleaseNullWhenUntested() {
    JsonNode rows = client.json("/apisnoop/conformance-endpoints.json");
    assertThat(rows).isNotEmpty();
    for (JsonNode row : rows) {
      assertThat(row.has("tested_release")).as(row.path("endpoint").asText()).isTrue();
    }
    List<JsonNode> untested =
        streamOf(rows).filter(r -> r.path("tested_release").isNull()).toList();
    // Eligible endpoints that no conformance test hits, as APISnoop's 1.33.0.json tells.
    assertThat(untested).isNotEmpty();
    for (JsonNode row : untested) {
      JsonNode theirs = fixture.publishedEndpoints().get(row.path("endpoint").asText());
      assertThat(theirs.path("conf_tested").asBoolean()).isFalse();
    }
  }

  @Test
  void theListsAreServedAsKubernetesWritesThem() throws IOException {
    JsonNode ineligible = YAML.readTree(client.get("/apisnoop/ineligible_endpoints.yaml").body());
    assertThat(ineligible).isEqualTo(fixture.ineligible());
    JsonNode pending =
        YAML.readTree(client.get("/apisnoop/pending_eligible_endpoints.yaml").body());
    assertThat(pending.isArray()).isTrue();
    assertThat(pending).isEmpty();
    JsonNode newEndpoints = client.json("/apisnoop/new-endpoints.json");
    assertThat(newEndpoints).hasSize(1);
    assertThat(newEndpoints.get(0).path("release").asText()).isEqualTo("1.33.0");
    // Every operation of the spec is new in the only release loaded, deprecated ones too.
    assertThat(newEndpoints.get(0).path("endpoints").size())
        .isGreaterThan(fixture.published.path("endpoints").size());
  }

  @Test
  void aLoadIsServedWithinTheCachesFreshness() throws Exception {
    assertThat(pendingServed()).isEmpty();
    try {
      loadPending("- readCoreV1Namespace\n");
      JsonNode pending = awaitPendingServed(1);
      assertThat(pending.get(0).asText()).isEqualTo("readCoreV1Namespace");
    } finally {
      loadPending("[]\n");
    }
    assertThat(awaitPendingServed(0)).isEmpty();
  }

  private JsonNode pendingServed() throws IOException {
    return YAML.readTree(client.get("/apisnoop/pending_eligible_endpoints.yaml").body());
  }

  /** The pending list served once it has {@code size} entries; fails after twice the freshness. */
  private JsonNode awaitPendingServed(int size) throws Exception {
    long deadline = System.nanoTime() + 2 * CoverageCache.FRESHNESS.toNanos();
    JsonNode pending = pendingServed();
    while (pending.size() != size && System.nanoTime() < deadline) {
      Thread.sleep(50);
      pending = pendingServed();
    }
    assertThat(pending).hasSize(size);
    return pending;
  }

  private void loadPending(String yaml) throws IOException {
    Path file = Files.writeString(temp.resolve("pending-" + System.nanoTime() + ".yaml"), yaml);
    new EndpointLists(database.dsl(), new InputReader(temp.resolve("cache")))
        .loadPending(Input.file(file), ReplayFixture.RELEASE);
  }

  @Test
  void anotherOriginMayReadTheFilesGzipped() throws IOException {
    HttpResponse<byte[]> plain = client.get("/apisnoop/1.33.0.json");
    HttpResponse<byte[]> gzipped =
        client.get(
            "/apisnoop/1.33.0.json",
            "Accept-Encoding",
            "gzip",
            "Origin",
            "https://apisnoop.cncf.io");
    assertThat(gzipped.headers().firstValue("Content-Encoding")).hasValue("gzip");
    assertThat(gzipped.headers().firstValue("Access-Control-Allow-Origin")).hasValue("*");
    assertThat(gzipped.body().length).isLessThan(plain.body().length / 4);
    try (GZIPInputStream in = new GZIPInputStream(new ByteArrayInputStream(gzipped.body()))) {
      assertThat(in.readAllBytes()).isEqualTo(plain.body());
    }
    assertThat(plain.headers().firstValue("Content-Encoding")).isEmpty();
    HttpResponse<byte[]> yaml =
        client.get("/apisnoop/releases.yaml", "Origin", "https://apisnoop.cncf.io");
    assertThat(yaml.headers().firstValue("Access-Control-Allow-Origin")).hasValue("*");
    // The API is compressed by the server's own gzip.
    HttpResponse<byte[]> api =
        client.get("/api/releases/1.33.0/endpoints", "Accept-Encoding", "gzip");
    assertThat(api.headers().firstValue("Content-Encoding")).hasValue("gzip");
  }

  @Test
  void unknownFilesAreA404() {
    assertThat(client.error("/apisnoop/no-such-file.json", 404)).contains("no-such-file.json");
    assertThat(client.error("/apisnoop/1.99.0.json", 404)).contains("1.99.0.json");
  }

  @Test
  void noPathLeadsOutOfWhatIsServed() {
    List<String> attempts =
        List.of(
            "/apisnoop/../../etc/passwd",
            "/apisnoop/%2e%2e/%2e%2e/etc/passwd",
            "/apisnoop/%2e%2e%2f%2e%2e%2fetc%2fpasswd",
            "/apisnoop/..%2f..%2f..%2fetc%2fpasswd",
            "/apisnoop/..%5c..%5cetc%5cpasswd",
            "/webjars/../../../../etc/passwd",
            "/webjars/d3/7.9.0/%2e%2e/%2e%2e/%2e%2e/%2e%2e/%2e%2e/etc/passwd",
            "/webjars/..%2f..%2fdev/snoop/web/WebServer.class",
            "/..%2f..%2f..%2fetc%2fpasswd",
            "/%2e%2e/%2e%2e/etc/passwd",
            "/api/releases/..%2f..%2fetc%2fpasswd/coverage",
            "/api/releases/../../etc/passwd/coverage",
            "/api/releases/1.33.0/endpoints/..%2f..%2f..%2fetc%2fpasswd",
            "/apisnoop/%252e%252e%252fetc%252fpasswd");
    for (String path : attempts) {
      HttpResponse<byte[]> response = client.get(path);
      String body = TestClient.text(response);
      assertThat(response.statusCode()).as(path).isIn(400, 404);
      assertThat(body).as(path).doesNotContain("root:").doesNotContain("Exception");
      assertThat(body).as(path).doesNotContain("\tat ");
    }
  }
}
