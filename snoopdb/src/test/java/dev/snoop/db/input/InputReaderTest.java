package dev.snoop.db.input;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Reading URLs through the cache, against a local HTTP server. */
class InputReaderTest {
  private HttpServer server;
  private final Map<String, String> bodies = new ConcurrentHashMap<>();
  private final Map<String, Integer> statuses = new ConcurrentHashMap<>();
  private final AtomicInteger requests = new AtomicInteger();
  @TempDir Path cache;

  @BeforeEach
  void start() throws IOException {
    server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    server.createContext(
        "/",
        exchange -> {
          requests.incrementAndGet();
          String path = exchange.getRequestURI().getPath();
          byte[] body = bodies.getOrDefault(path, "").getBytes(StandardCharsets.UTF_8);
          exchange.sendResponseHeaders(statuses.getOrDefault(path, 200), body.length);
          exchange.getResponseBody().write(body);
          exchange.close();
        });
    server.start();
  }

  @AfterEach
  void stop() {
    server.stop(0);
  }

  @Test
  void aUrlIsFetchedOnceThenReadFromTheCache() {
    bodies.put("/v1.34.0/swagger.json", "{\"swagger\": \"2.0\"}");
    InputReader reader = new InputReader(cache);
    Input input = Input.url(url("/v1.34.0/swagger.json"));
    assertThat(new String(reader.read(input).bytes(), StandardCharsets.UTF_8)).contains("2.0");
    assertThat(reader.read(input).source()).isEqualTo(url("/v1.34.0/swagger.json"));
    assertThat(requests).hasValue(1);
  }

  @Test
  void aBranchUrlIsFetchedAgainWhenItsCopyIsOld() {
    bodies.put("/master/conformance.yaml", "- a");
    InputReader reader = new InputReader(cache);
    reader.read(Input.url(url("/master/conformance.yaml"), java.time.Duration.ZERO));
    reader.read(Input.url(url("/master/conformance.yaml"), java.time.Duration.ZERO));
    assertThat(requests).hasValue(2);
  }

  @Test
  void anHttpErrorNamesTheUrlAndStatusAndIsNotCached() throws IOException {
    statuses.put("/limited.json", 429);
    bodies.put("/limited.json", "429: Too Many Requests");
    InputReader reader = new InputReader(cache);
    assertThatThrownBy(() -> reader.read(Input.url(url("/limited.json"))))
        .isInstanceOf(InputException.class)
        .hasMessage(url("/limited.json") + ": HTTP 429 (429: Too Many Requests)");
    try (var files = Files.list(cache)) {
      assertThat(files).isEmpty();
    }
  }

  @Test
  void aCachedCopyThatFailsToParseIsDroppedSoTheNextReadFetchesAgain() {
    bodies.put("/releases.yaml", "<html>maintenance</html>");
    InputReader reader = new InputReader(cache);
    Input input = Input.url(url("/releases.yaml"));
    assertThatThrownBy(() -> reader.read(input, bytes -> Documents.yaml(bytes, "releases.yaml")))
        .isInstanceOf(InputException.class)
        .hasMessageStartingWith(url("/releases.yaml") + ": is an HTML");
    bodies.put("/releases.yaml", "- version: 1.34.0");
    assertThat(
            reader.read(input, bytes -> Documents.yaml(bytes, "releases.yaml")).value().isArray())
        .isTrue();
    assertThat(requests).hasValue(2);
  }

  @Test
  void aMissingFileIsNamed() {
    Path missing = cache.resolve("nope.yaml");
    assertThatThrownBy(() -> new InputReader(cache).read(Input.file(missing)))
        .isInstanceOf(InputException.class)
        .hasMessage(missing + ": no such file");
  }

  private String url(String path) {
    return "http://127.0.0.1:" + server.getAddress().getPort() + path;
  }
}
