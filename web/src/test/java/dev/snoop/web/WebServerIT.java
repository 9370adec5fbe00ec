package dev.snoop.web;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.snoop.db.Database;
import dev.snoop.db.input.InputReader;
import dev.snoop.db.release.Release;
import dev.snoop.db.spec.LevelRule;
import dev.snoop.db.testing.MigratedDatabase;
import dev.snoop.db.testing.ReferenceData;
import dev.snoop.web.api.ReleasesApi;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/** What every route shares: JSON errors, security headers, CORS, and the releases list. */
@ExtendWith(MigratedDatabase.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class WebServerIT {
  private static final ObjectMapper JSON = new ObjectMapper();
  private final HttpClient http = HttpClient.newHttpClient();
  private WebServer server;

  @BeforeAll
  void start(Database database, @TempDir Path temp) {
    InputReader reader = new InputReader(temp.resolve("cache"));
    ReferenceData.releasesAndSpec(
        database.dsl(), reader, Release.parse("1.33.0"), LevelRule.APISNOOP);
    server = WebServer.start(ServerOptions.local(0), List.of(new ReleasesApi(database.dsl())));
  }

  @AfterAll
  void stop() {
    server.close();
  }

  @Test
  void releasesListsTheCatalogueNewestFirstWithTheLoadedSpec() throws Exception {
    HttpResponse<String> response = get("/api/releases");
    assertThat(response.statusCode()).isEqualTo(200);
    JsonNode releases = JSON.readTree(response.body());
    assertThat(releases.size()).isGreaterThan(10);
    List<String> names = releases.findValuesAsText("release");
    assertThat(names).isSortedAccordingTo((a, b) -> Release.parse(b).compareTo(Release.parse(a)));
    JsonNode v133 = releases.get(names.indexOf("1.33.0"));
    assertThat(v133.get("endpoints").asInt()).isGreaterThan(500);
    assertThat(v133.get("runs").asInt()).isZero();
    assertThat(releases.get(names.indexOf("1.32.0")).get("endpoints").asInt()).isZero();
  }

  @Test
  void anUnknownPathIsAJson404() throws Exception {
    HttpResponse<String> response = get("/api/no-such-thing");
    assertThat(response.statusCode()).isEqualTo(404);
    assertThat(JSON.readTree(response.body()).get("error").asText()).contains("/api/no-such-thing");
  }

  @Test
  void everyResponseCarriesTheSecurityHeaders() throws Exception {
    for (String path : List.of("/api/releases", "/api/no-such-thing")) {
      HttpResponse<String> response = get(path);
      assertThat(response.headers().firstValue("Content-Security-Policy"))
          .hasValue(WebServer.CONTENT_SECURITY_POLICY);
      assertThat(response.headers().firstValue("X-Content-Type-Options")).hasValue("nosniff");
    }
  }

  @Test
  void anotherOriginMayReadTheApi() throws Exception {
    HttpResponse<String> response =
        http.send(
            HttpRequest.newBuilder(server.uri().resolve("/api/releases"))
                .header("Origin", "https://apisnoop.cncf.io")
                .build(),
            HttpResponse.BodyHandlers.ofString());
    assertThat(response.headers().firstValue("Access-Control-Allow-Origin")).hasValue("*");
  }

  @Test
  void d3ComesFromItsWebJar() throws Exception {
    HttpResponse<String> response = get("/webjars/d3/7.9.0/dist/d3.min.js");
    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(response.body()).contains("d3js.org");
  }

  private HttpResponse<String> get(String path) throws Exception {
    return http.send(
        HttpRequest.newBuilder(URI.create(server.uri() + path.substring(1))).build(),
        HttpResponse.BodyHandlers.ofString());
  }
}
