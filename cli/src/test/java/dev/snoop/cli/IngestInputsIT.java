package dev.snoop.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import dev.snoop.db.Database;
import dev.snoop.db.input.InputReader;
import dev.snoop.db.release.Release;
import dev.snoop.db.spec.LevelRule;
import dev.snoop.db.testing.MigratedDatabase;
import dev.snoop.db.testing.ReferenceData;
import dev.snoop.db.testing.SharedData;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.zip.GZIPOutputStream;
import org.jooq.DSLContext;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * Inputs that must not pass as complete logs: a gzip cut short, wherever it comes from, and a
 * source without one readable audit event. Each exits 2 with one error line naming the source and
 * stores nothing; a source ingested before stays as it was. A plain log's truncated last line stays
 * a counted problem.
 */
@ExtendWith(MigratedDatabase.class)
class IngestInputsIT {
  private static final Release RELEASE = Release.parse("1.33.0");
  private static final Path REPLAY =
      SharedData.path("audit/derived-apisnoop-replay/replay-1.33.0.jsonl");

  private final DSLContext sql;
  private final String dbUrl;
  @TempDir Path temp;
  private Stored before;

  IngestInputsIT(Database database, @TempDir Path cache) {
    this.sql = database.dsl();
    this.dbUrl = database.jdbcUrl();
    ReferenceData.releasesAndSpec(sql, new InputReader(cache), RELEASE, LevelRule.EXACT);
  }

  @BeforeEach
  void countStored() {
    before = stored();
  }

  @Test
  void aGzipCutShortIsAnErrorAndLeavesTheEarlierRunOfTheSameSource() throws IOException {
    byte[] whole = gzip(Files.readAllBytes(REPLAY));
    Path log = Files.write(temp.resolve("audit.log.gz"), whole);
    SnoopRun first = ingest(log.toString());
    assertThat(first.exit()).as(first.err()).isZero();
    assertThat(first.out()).contains("13,629 events");
    long runId = runOf(log.toString());
    Stored afterFirst = stored();

    // a partial download of the same file
    Files.write(log, Arrays.copyOf(whole, 3000));
    SnoopRun cut = ingest(log.toString());
    assertThat(cut.exit()).isEqualTo(2);
    assertThat(cut.err())
        .matches(
            "ERROR: "
                + log
                + ": truncated gzip stream: the file ends after 3,000 bytes, before its compressed"
                + " data does \\(at line \\d+ of the log\\); a partial download or copy\\?\n");
    assertThat(stored()).isEqualTo(afterFirst);
    assertThat(runOf(log.toString())).isEqualTo(runId);
    assertThat(sql.fetchValue("select events_read from snoop.ingest_run where id = ?", runId))
        .isEqualTo(13_629L);
  }

  @Test
  void aRotatedSetOrDirectoryWithAGzipCutShortIsAnError() throws IOException {
    Path dir = Files.createDirectories(temp.resolve("logs"));
    List<String> lines = Files.readAllLines(REPLAY);
    Files.write(dir.resolve("kube-apiserver-audit.log"), lines.subList(0, 100));
    byte[] older = gzip(String.join("\n", lines.subList(100, 2000)).getBytes());
    Path cut = dir.resolve("kube-apiserver-audit.log.1.gz");
    Files.write(cut, Arrays.copyOf(older, older.length - 100));

    SnoopRun directory = ingest(dir.toString());
    assertThat(directory.exit()).isEqualTo(2);
    assertThat(directory.err()).startsWith("ERROR: " + cut + ": truncated gzip stream: ");
    SnoopRun rotated = ingest(dir.resolve("kube-apiserver-audit.log").toString(), cut.toString());
    assertThat(rotated.exit()).isEqualTo(2);
    assertThat(rotated.err()).startsWith("ERROR: " + cut + ": truncated gzip stream: ");
    assertThat(stored()).isEqualTo(before);
  }

  @Test
  void aDownloadedGzipCutShortIsAnErrorNamingTheUrl() throws IOException {
    byte[] whole = gzip(Files.readAllBytes(REPLAY));
    byte[] cut = Arrays.copyOf(whole, whole.length / 3);
    HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    server.createContext(
        "/audit.log.gz",
        exchange -> {
          exchange.sendResponseHeaders(200, cut.length);
          try (OutputStream out = exchange.getResponseBody()) {
            out.write(cut);
          }
        });
    server.start();
    try {
      String url = "http://127.0.0.1:" + server.getAddress().getPort() + "/audit.log.gz";
      SnoopRun run = ingest(url);
      assertThat(run.exit()).isEqualTo(2);
      assertThat(run.err()).startsWith("ERROR: " + url + ": truncated gzip stream: ");
    } finally {
      server.stop(0);
    }
    assertThat(stored()).isEqualTo(before);
  }

  @Test
  void anEmptySourceIsAnErrorUnlessEmptyRunsAreAsked() throws IOException {
    Path empty = Files.createFile(temp.resolve("empty.log"));
    SnoopRun refused = ingest(empty.toString());
    assertThat(refused.exit()).isEqualTo(2);
    assertThat(refused.err())
        .isEqualTo(
            "ERROR: "
                + empty
                + ": no audit event: the source is empty (0 bytes); nothing was stored; give"
                + " --allow-empty to store it as a run without events\n");
    assertThat(stored()).isEqualTo(before);

    SnoopRun allowed = ingest("--allow-empty", empty.toString());
    assertThat(allowed.exit()).as(allowed.err()).isZero();
    assertThat(allowed.out()).contains("0 events, 0 requests");
    assertThat(
            sql.fetchValue(
                "select events_read from snoop.ingest_run where source = ?", empty.toString()))
        .isEqualTo(0L);
  }

  @Test
  void aBinarySourceIsAnErrorSayingWhatWasRead() throws IOException {
    byte[] bytes = new byte[8192];
    new Random(9).nextBytes(bytes);
    bytes[0] = 'x'; // not gzip's magic bytes
    Path binary = Files.write(temp.resolve("audit.bin"), bytes);
    SnoopRun run = ingest(binary.toString());
    assertThat(run.exit()).isEqualTo(2);
    assertThat(run.err())
        .matches(
            "ERROR: "
                + binary
                + ": no audit event in 8,192 bytes, \\d+ lines: \\d+ unreadable \\(first: "
                + binary
                + ":1: .*\\); nothing was stored; give --allow-empty to store it as a run without"
                + " events\n");
    assertThat(stored()).isEqualTo(before);
  }

  @Test
  void aSourceOfOtherJsonIsAnErrorSayingWhatWasSkipped() throws IOException {
    Path pods =
        Files.writeString(
            temp.resolve("pods.json"),
            "{\"kind\":\"Pod\",\"apiVersion\":\"v1\",\"metadata\":{\"name\":\"a\"}}\n".repeat(3));
    SnoopRun run = ingest(pods.toString());
    assertThat(run.exit()).isEqualTo(2);
    assertThat(run.err())
        .startsWith(
            "ERROR: "
                + pods
                + ": no audit event in 171 bytes, 3 lines: 3 skipped: kind Pod, not an audit Event;"
                + " nothing was stored");
    assertThat(stored()).isEqualTo(before);
  }

  @Test
  void upRefusesAnEmptyAuditLogUnlessEmptyRunsAreAsked() throws IOException {
    Path empty = Files.createFile(temp.resolve("up-empty.log"));
    List<String> up =
        List.of("up", "--offline", "--release", RELEASE.toString(), "--audit", empty.toString());
    SnoopRun refused = snoop(up.toArray(String[]::new));
    assertThat(refused.exit()).isEqualTo(2);
    assertThat(refused.err()).contains("ERROR: " + empty + ": no audit event: the source is empty");
    assertThat(stored()).isEqualTo(before);

    SnoopRun allowed = snoop(concat(up, "--allow-empty"));
    assertThat(allowed.exit()).as(allowed.err()).isZero();
    assertThat(allowed.out()).contains("ingested " + empty + ": 0 requests");
  }

  @Test
  void aTruncatedLastLineOfAPlainLogIsACountedProblem() throws IOException {
    List<String> lines = Files.readAllLines(REPLAY).subList(0, 50);
    String last = lines.get(49);
    String text =
        String.join("\n", lines.subList(0, 49)) + "\n" + last.substring(0, last.length() / 2);
    Path log = Files.writeString(temp.resolve("killed.log"), text);
    SnoopRun run = ingest(log.toString());
    assertThat(run.exit()).as(run.err()).isZero();
    assertThat(run.out())
        .contains("49 events")
        .contains("unreadable: 1")
        .contains(log + ":50: truncated: ");
    assertThat(
            sql.fetchValue(
                "select problems from snoop.ingest_run where source = ?", log.toString()))
        .isEqualTo(1L);
  }

  private SnoopRun ingest(String... args) {
    return snoop(concat(List.of("ingest", "--release", RELEASE.toString()), args));
  }

  private SnoopRun snoop(String... args) {
    return SnoopRun.of(dbUrl, temp.resolve("cache"), args);
  }

  private static String[] concat(List<String> first, String... rest) {
    return java.util.stream.Stream.concat(first.stream(), Arrays.stream(rest))
        .toArray(String[]::new);
  }

  private long runOf(String source) {
    return count("select id from snoop.ingest_run where source = '" + source + "'");
  }

  /** What the database holds of ingest runs, and the run tables, attached or not. */
  private record Stored(long runs, long events, long hits, long runTables) {}

  private Stored stored() {
    return new Stored(
        count("select count(*) from snoop.ingest_run"),
        count("select count(*) from public.audit_event"),
        count("select count(*) from snoop.endpoint_hit"),
        count("select count(*) from pg_class where relname like 'audit_event_run_%'"));
  }

  private long count(String query) {
    return ((Number) sql.fetchValue(query)).longValue();
  }

  private static byte[] gzip(byte[] bytes) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try (OutputStream gzip = new GZIPOutputStream(out)) {
      gzip.write(bytes);
    }
    return out.toByteArray();
  }
}
