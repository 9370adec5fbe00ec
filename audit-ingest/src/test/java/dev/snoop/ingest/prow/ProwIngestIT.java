package dev.snoop.ingest.prow;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.snoop.db.Database;
import dev.snoop.db.input.InputReader;
import dev.snoop.db.release.Release;
import dev.snoop.db.release.ReleaseCatalogue;
import dev.snoop.db.spec.LevelRule;
import dev.snoop.db.testing.MigratedDatabase;
import dev.snoop.db.testing.ReferenceData;
import dev.snoop.db.testing.SharedData;
import dev.snoop.ingest.AuditIngester;
import dev.snoop.ingest.FileFeed;
import dev.snoop.ingest.IngestResult;
import dev.snoop.ingest.ProwIngest;
import dev.snoop.ingest.reader.AuditSourceException;
import dev.snoop.ingest.reader.AuditSources;
import dev.snoop.ingest.reader.ReaderOptions;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.Optional;
import java.util.zip.GZIPOutputStream;
import org.jooq.DSLContext;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * A Prow build's audit logs downloaded and ingested as one run: a rotated gzip that the bucket
 * holds cut short (an upload that did not finish) fails the run, naming the file.
 */
@ExtendWith(MigratedDatabase.class)
class ProwIngestIT {
  private static final String KIND = "ci-kubernetes-audit-kind-conformance";
  private static final Release RELEASE = Release.parse("1.33.0");
  private static final Path REPLAY =
      SharedData.path("audit/derived-apisnoop-replay/replay-1.33.0.jsonl");

  private final Database database;
  private final DSLContext sql;
  @TempDir Path bucketRoot;
  @TempDir Path cache;
  private BucketServer server;

  ProwIngestIT(Database database, @TempDir Path specCache) {
    this.database = database;
    this.sql = database.dsl();
    ReferenceData.releasesAndSpec(sql, new InputReader(specCache), RELEASE, LevelRule.EXACT);
  }

  @BeforeEach
  void start() throws IOException {
    server = new BucketServer(bucketRoot);
  }

  @AfterEach
  void stop() {
    server.close();
  }

  @Test
  void aBuildsWholeLogsAreOneRunAndAGzipCutShortFailsItNamingTheFile() throws IOException {
    byte[] replay = Files.readAllBytes(REPLAY);
    int half = replay.length / 2;
    while (replay[half - 1] != '\n') {
      half++;
    }
    byte[] older = gzip(Arrays.copyOf(replay, half));
    byte[] newer = Arrays.copyOfRange(replay, half, replay.length);
    BuildTree tree =
        new BuildTree(server, KIND)
            .finished("7", "SUCCESS")
            .file("7", "artifacts/logs/kind-control-plane/kubernetes-version.txt", "v1.33.0")
            .file("7", "artifacts/audit/audit.log", new String(newer))
            .finished("8", "SUCCESS")
            .file("8", "artifacts/logs/kind-control-plane/kubernetes-version.txt", "v1.33.0")
            .file("8", "artifacts/audit/audit.log", new String(newer));
    server.put(tree.object("7", "artifacts/audit/audit-2025-06-01T00-00-00.000.log.gz"), older);
    server.put(
        tree.object("8", "artifacts/audit/audit-2025-06-01T00-00-00.000.log.gz"),
        Arrays.copyOf(older, older.length - 1000));

    IngestResult whole = ingest("7");
    assertThat(whole.eventsRead()).isEqualTo(13_629);
    long runs = count("select count(*) from snoop.ingest_run");
    long events = count("select count(*) from audit_event");

    assertThatThrownBy(() -> ingest("8"))
        .isInstanceOf(AuditSourceException.class)
        .hasMessageMatching(
            ".*/prow/"
                + KIND
                + "/8/artifacts/audit/audit-2025-06-01T00-00-00.000.log.gz: truncated gzip stream:"
                + " .*");
    assertThat(count("select count(*) from snoop.ingest_run")).isEqualTo(runs);
    assertThat(count("select count(*) from audit_event")).isEqualTo(events);
    assertThat(count("select count(*) from pg_class where relname like 'audit_event_run_%'"))
        .isEqualTo(runs);
  }

  private IngestResult ingest(String build) {
    ProwAuditLogs logs =
        new ProwFetcher(new HttpProwBucket(server.url(), 1, Duration.ZERO), cache)
            .fetch(ProwRequest.build(KIND, build));
    Release release = ProwIngest.release(logs.build(), Optional.empty(), new ReleaseCatalogue(sql));
    return new AuditIngester(database)
        .ingest(
            ProwIngest.request(logs, release, false, 0, false),
            new FileFeed(
                AuditSources.expand(ProwIngest.files(logs), cache),
                ReaderOptions.defaults(),
                n -> {}));
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
