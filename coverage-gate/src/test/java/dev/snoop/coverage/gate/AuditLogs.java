package dev.snoop.coverage.gate;

import static dev.snoop.db.jooq.public_.Tables.OPEN_API;
import static dev.snoop.db.jooq.snoop.Tables.INGEST_RUN;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.snoop.coverage.testing.TestEvents;
import dev.snoop.db.Database;
import dev.snoop.db.release.Release;
import dev.snoop.ingest.AuditIngester;
import dev.snoop.ingest.FileFeed;
import dev.snoop.ingest.IngestRequest;
import dev.snoop.ingest.IngestResult;
import dev.snoop.ingest.reader.AuditSources;
import dev.snoop.ingest.reader.ReaderOptions;
import dev.snoop.ingest.store.IngestRun;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Small audit logs written by the gate tests, and their ingest as ordinary runs. */
public final class AuditLogs {
  static final ObjectMapper JSON = new ObjectMapper();

  private final Database database;
  private final Path dir;
  private int files;

  public AuditLogs(Database database, Path dir) {
    this.database = database;
    this.dir = dir;
  }

  /** A request: an operation of the release's spec, hit by a test (null: kubectl). */
  public record Hit(String endpoint, String test, int status) {
    /** A request answered 200. */
    public Hit(String endpoint, String test) {
      this(endpoint, test, 200);
    }
  }

  /** Writes one event per hit, at {@code time}, with paths and methods from the release's spec. */
  public Path write(Release release, Instant time, List<Hit> hits) {
    Map<String, String[]> operations =
        database
            .dsl()
            .select(OPEN_API.ENDPOINT, OPEN_API.PATH, OPEN_API.HTTP_METHOD)
            .from(OPEN_API)
            .where(OPEN_API.RELEASE.eq(release.toString()))
            .fetchMap(OPEN_API.ENDPOINT, r -> new String[] {r.value2(), r.value3()});
    Path file = dir.resolve("audit-" + (++files) + ".log");
    try (BufferedWriter out = Files.newBufferedWriter(file)) {
      for (Hit hit : hits) {
        String[] operation = operations.get(hit.endpoint());
        if (operation == null) {
          throw new IllegalArgumentException(hit.endpoint() + " is no operation of " + release);
        }
        String agent =
            hit.test() == null
                ? "kubectl/v" + release + " (linux/amd64) kubernetes/0000000"
                : "e2e.test/v" + release + " (linux/amd64) kubernetes/0000000 -- " + hit.test();
        var event = TestEvents.event(operation[0], operation[1], agent, time);
        event.putObject("responseStatus").put("code", hit.status());
        out.write(JSON.writeValueAsString(event));
        out.newLine();
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return file;
  }

  /** Ingests a log as a run of files; a log without events gives an empty run. */
  public IngestResult ingest(Release release, Path log) {
    return ingest(
        new IngestRequest(release, log.toString(), null, null, false, 0, true, null), log);
  }

  /** Ingests a log as if it were the audit log of a Prow job's build. */
  public IngestResult ingestAsProw(Release release, String job, String build, Path log) {
    String source = "https://prow.k8s.io/view/gs/kubernetes-ci-logs/logs/" + job + "/" + build;
    return ingest(new IngestRequest(release, source, job, build, false, 0, true, null), log);
  }

  private IngestResult ingest(IngestRequest request, Path log) {
    return new AuditIngester(database)
        .ingest(
            request,
            new FileFeed(
                AuditSources.expand(List.of(log.toString()), dir.resolve("cache")),
                ReaderOptions.defaults(),
                n -> {}));
  }

  /** Removes every run, so each test starts without audit data. */
  public void removeRuns() {
    var sql = database.dsl();
    for (Long id : sql.select(INGEST_RUN.ID).from(INGEST_RUN).fetch(INGEST_RUN.ID)) {
      IngestRun.remove(sql, id);
    }
  }

  public static List<Hit> hits(List<String> endpoints, String test) {
    List<Hit> hits = new ArrayList<>();
    endpoints.forEach(e -> hits.add(new Hit(e, test)));
    return hits;
  }
}
