package dev.snoop.ingest.reader;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpServer;
import dev.snoop.db.input.InputException;
import dev.snoop.db.testing.SharedData;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AuditSourcesTest {
  @TempDir Path dir;
  @TempDir Path cache;

  @Test
  void aRotatedSetIsReadOldestFirst() throws IOException {
    touch("audit.log", "audit.log.1", "audit.log.2.gz", "audit.log.10");
    assertThat(names(expand(dir.toString())))
        .containsExactly("audit.log.10", "audit.log.2.gz", "audit.log.1", "audit.log");
  }

  @Test
  void kubeApiserverTimestampedBackupsAreOlderThanTheLiveFile() throws IOException {
    touch(
        "audit.log",
        "audit-2024-01-02T00-00-00.000.log.gz",
        "audit-2024-01-01T23-59-59.999.log",
        "audit-2023-12-31T10-00-00.000.log");
    assertThat(names(expand(dir.toString())))
        .containsExactly(
            "audit-2023-12-31T10-00-00.000.log",
            "audit-2024-01-01T23-59-59.999.log",
            "audit-2024-01-02T00-00-00.000.log.gz",
            "audit.log");
  }

  @Test
  void logrotateDateBackupsAreOlderThanTheLiveFile() throws IOException {
    touch("audit.log", "audit.log-20240102.gz", "audit.log-20240101");
    assertThat(names(expand(dir.toString())))
        .containsExactly("audit.log-20240101", "audit.log-20240102.gz", "audit.log");
  }

  @Test
  void separateSetsInADirectoryAreReadSetBySet() throws IOException {
    touch("kube-apiserver-audit.log", "kube-apiserver-audit.log.1", "audit.log", "audit.log.1");
    assertThat(names(expand(dir.toString())))
        .containsExactly(
            "audit.log.1", "audit.log", "kube-apiserver-audit.log.1", "kube-apiserver-audit.log");
  }

  @Test
  void aDirectoryGivesOnlyItsFilesThatLookLikeAuditLogs() throws IOException {
    touch(
        "audit.log",
        "audit.log.1",
        "audit-events.jsonl",
        "audit.json",
        "notes.txt",
        "kube-apiserver.log",
        "audit-policy.yaml",
        "audit-kind-page.html",
        ".audit.log.swp");
    Files.createDirectories(dir.resolve("nested"));
    Files.writeString(dir.resolve("nested/audit.log"), "");
    assertThat(names(expand(dir.toString())))
        .containsExactly("audit-events.jsonl", "audit.json", "audit.log.1", "audit.log");
  }

  @Test
  void aDirectoryWhereNoNameSaysAuditGivesAllItsFiles() {
    List<AuditSource> falco = expand(SharedData.path("audit/falco-k8s-audit-traces").toString());
    assertThat(falco).hasSize(47);
    assertThat(falco.get(0).name()).endsWith("/anonymous_creates_namespace_foo.json");

    List<AuditSource> apisnoop = expand(SharedData.path("audit/apisnoop-testdata").toString());
    assertThat(names(apisnoop))
        .containsExactly(
            "audit_event.json",
            "audit_event_bad_verb.json",
            "audit_event_dummy_request.json",
            "audit_event_part_count_too_high.json",
            "bad_audit_event.json");
  }

  @Test
  void namedFilesKeepTheirOrderExceptWithinARotatedSet() throws IOException {
    touch("z.json", "audit.log", "audit.log.1", "a.json");
    List<AuditSource> sources =
        AuditSources.expand(
            List.of(
                path("z.json"),
                path("audit.log"),
                path("audit.log.1"),
                path("a.json"),
                path("z.json")),
            cache);
    assertThat(names(sources)).containsExactly("z.json", "audit.log.1", "audit.log", "a.json");
    assertThat(sources.get(0)).isEqualTo(new AuditSource(path("z.json"), Path.of(path("z.json"))));
  }

  @Test
  void aMissingPathOrAnEmptyDirectoryIsAUserError() throws IOException {
    assertThatThrownBy(() -> expand(path("missing.log")))
        .isInstanceOf(InputException.class)
        .hasMessage(path("missing.log") + ": no such file or directory");
    Files.createDirectories(dir.resolve("empty"));
    assertThatThrownBy(() -> expand(path("empty")))
        .isInstanceOf(AuditSourceException.class)
        .hasMessage(path("empty") + ": the directory has no files");
  }

  @Test
  void aUrlIsDownloadedOnceAndReadFromTheCache() throws IOException {
    AtomicInteger requests = new AtomicInteger();
    HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    server.createContext(
        "/",
        exchange -> {
          requests.incrementAndGet();
          boolean found = exchange.getRequestURI().getPath().equals("/logs/audit.log");
          byte[] body =
              (found ? AuditLogReaderTest.event("from-url") + "\n" : "404 page not found")
                  .getBytes(StandardCharsets.UTF_8);
          exchange.sendResponseHeaders(found ? 200 : 404, body.length);
          exchange.getResponseBody().write(body);
          exchange.close();
        });
    server.start();
    try {
      String url = "http://127.0.0.1:" + server.getAddress().getPort() + "/logs/audit.log";
      List<AuditSource> first = AuditSources.expand(List.of(url), cache);
      List<AuditSource> second = AuditSources.expand(List.of(url), cache);
      assertThat(requests).hasValue(1);
      assertThat(second).isEqualTo(first);
      assertThat(first.get(0).name()).isEqualTo(url);
      assertThat(first.get(0).file()).startsWith(cache);

      RecordingSink sink = new RecordingSink();
      new AuditLogReader(ReaderOptions.defaults()).read(first.get(0), sink);
      assertThat(sink.auditIds()).containsExactly("from-url");

      String missing = url.replace("audit.log", "gone.log");
      assertThatThrownBy(() -> AuditSources.expand(List.of(missing), cache))
          .isInstanceOf(AuditSourceException.class)
          .hasMessage(missing + ": HTTP 404");
      try (var files = Files.list(cache)) {
        assertThat(files).hasSize(1);
      }
    } finally {
      server.stop(0);
    }
  }

  private List<AuditSource> expand(String arg) {
    return AuditSources.expand(List.of(arg), cache);
  }

  private String path(String name) {
    return dir.resolve(name).toString();
  }

  private void touch(String... names) throws IOException {
    for (String name : names) {
      Files.writeString(dir.resolve(name), "");
    }
  }

  private static List<String> names(List<AuditSource> sources) {
    return sources.stream().map(s -> s.file().getFileName().toString()).toList();
  }
}
