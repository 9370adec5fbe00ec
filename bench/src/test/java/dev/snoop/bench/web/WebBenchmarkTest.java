package dev.snoop.bench.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpServer;
import dev.snoop.db.input.InvalidValueException;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The load benchmark against a small server that counts what it answers. */
class WebBenchmarkTest {
  private final AtomicInteger fast = new AtomicInteger();
  private final AtomicInteger slow = new AtomicInteger();
  private HttpServer server;
  private URI base;

  @BeforeEach
  void start() throws IOException {
    server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    server.setExecutor(Executors.newFixedThreadPool(8));
    server.createContext("/fast", exchange -> answer(exchange, fast, 0));
    server.createContext("/slow", exchange -> answer(exchange, slow, 20));
    server.createContext("/chunked", WebBenchmarkTest::answerInChunks);
    server.start();
    base = URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/");
  }

  @AfterEach
  void stop() {
    server.stop(0);
  }

  private static void answer(
      com.sun.net.httpserver.HttpExchange exchange, AtomicInteger count, long sleepMs)
      throws IOException {
    try (exchange) {
      try {
        Thread.sleep(sleepMs);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
      count.incrementAndGet();
      byte[] body = "ok".getBytes(StandardCharsets.UTF_8);
      exchange.sendResponseHeaders(200, body.length);
      exchange.getResponseBody().write(body);
    }
  }

  /** 100,000 bytes with no Content-Length: the JDK's server sends them chunked. */
  private static void answerInChunks(com.sun.net.httpserver.HttpExchange exchange)
      throws IOException {
    try (exchange) {
      exchange.sendResponseHeaders(200, 0);
      for (int i = 0; i < 10; i++) {
        exchange.getResponseBody().write(new byte[10_000]);
        exchange.getResponseBody().flush();
      }
    }
  }

  @Test
  void aChunkedBodyIsReadToItsEndOnAKeptConnection() throws Exception {
    WebBenchmark.Report report =
        WebBenchmark.run(
            base, List.of("/chunked", "/fast"), 2, Duration.ofMillis(100), Duration.ofMillis(500));
    WebBenchmark.PathFigures chunked = report.paths().get(0);
    assertThat(chunked.requests()).isPositive();
    assertThat(chunked.errors()).isZero();
    assertThat(chunked.bytes()).isEqualTo(100_000 * chunked.requests());
    assertThat(report.paths().get(1).bytes()).isEqualTo(2 * report.paths().get(1).requests());
  }

  @Test
  void measuresEachPathsRateAndLatency() throws Exception {
    WebBenchmark.Report report =
        WebBenchmark.run(
            base, List.of("/fast", "slow"), 4, Duration.ofMillis(200), Duration.ofSeconds(1));
    WebBenchmark.PathFigures fastFigures = report.paths().get(0);
    WebBenchmark.PathFigures slowFigures = report.paths().get(1);
    assertThat(fastFigures.requests()).isPositive();
    assertThat(fastFigures.errors()).isZero();
    assertThat(slowFigures.p50Ms()).isGreaterThanOrEqualTo(20.0);
    assertThat(slowFigures.p99Ms()).isGreaterThanOrEqualTo(slowFigures.p50Ms());
    assertThat(fastFigures.p50Ms()).isLessThan(slowFigures.p50Ms());
    // the server answered at least what was measured (plus the check and the warm-up)
    assertThat((long) fast.get()).isGreaterThan(fastFigures.requests());
    assertThat(fastFigures.bytes()).isEqualTo(2 * fastFigures.requests());
    assertThat(report.describe()).contains("/fast", "slow", "requests/s");
  }

  @Test
  void aPathThatDoesNotAnswer200IsRefusedBeforeTheLoad() {
    assertThatThrownBy(
            () ->
                WebBenchmark.run(
                    base, List.of("/fast", "/missing"), 2, Duration.ZERO, Duration.ofSeconds(1)))
        .isInstanceOf(InvalidValueException.class)
        .hasMessageContaining("/missing answers 404");
    assertThat(fast.get()).isEqualTo(1);
  }

  @Test
  void thePercentileIsTheNearestRank() {
    long[] nanos = {1_000_000, 2_000_000, 3_000_000, 4_000_000};
    assertThat(WebBenchmark.percentile(nanos, 0.50)).isEqualTo(2.0);
    assertThat(WebBenchmark.percentile(nanos, 0.99)).isEqualTo(4.0);
  }
}
