package dev.snoop.ingest;

import static dev.snoop.db.jooq.conformance.Tables.RELEASE_TEST;
import static dev.snoop.db.jooq.public_.Tables.OPEN_API;

import dev.snoop.db.Database;
import dev.snoop.db.input.InputException;
import dev.snoop.db.release.Release;
import dev.snoop.db.release.ReleaseCatalogue;
import dev.snoop.ingest.matcher.EndpointMatcher;
import dev.snoop.ingest.matcher.HttpMethod;
import dev.snoop.ingest.matcher.Operation;
import dev.snoop.ingest.store.IngestRun;
import java.sql.SQLException;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Ingests audit events into snoopdb as one run: builds the release's matcher from its loaded spec,
 * lets a feed push the events through an {@link IngestSession}, and commits the run, or leaves
 * nothing when anything fails.
 */
public final class AuditIngester {
  private final Database database;

  public AuditIngester(Database database) {
    this.database = database;
  }

  /**
   * Pushes the run's events into the session and says how many bytes it read and their checksum.
   */
  @FunctionalInterface
  public interface Feed {
    /** Reads everything into the session; returns what was read. */
    FeedResult feed(IngestSession session) throws Exception;
  }

  /** The bytes a feed read and their sha256. */
  public record FeedResult(long bytes, String checksum) {}

  public IngestResult ingest(IngestRequest request, Feed feed) {
    Release release = request.release();
    var entry = new ReleaseCatalogue(database.dsl()).require(release);
    EndpointMatcher matcher = matcher(release);
    Set<String> codenames = codenames(release);
    var identity =
        new IngestRun.RunIdentity(
            release.toString(),
            entry.date().map(Object::toString).orElse(null),
            request.source(),
            request.job(),
            request.buildId(),
            request.keepRaw());
    long start = System.nanoTime();
    try (IngestRun run = IngestRun.start(database.connection(), identity)) {
      IngestSession session = new IngestSession(request, matcher, codenames, run);
      FeedResult read = feed.feed(session);
      long millis = (System.nanoTime() - start) / 1_000_000;
      run.commit(session.hits(), session.totals(read.checksum(), millis));
      return session.result(run.id(), read.bytes(), (System.nanoTime() - start) / 1_000_000);
    } catch (InputException e) {
      throw e;
    } catch (SQLException e) {
      throw new IllegalStateException(
          "ingest of " + request.source() + " failed: " + e.getMessage(), e);
    } catch (Exception e) {
      if (e instanceof RuntimeException runtime) {
        throw runtime;
      }
      throw new IllegalStateException("ingest of " + request.source() + " failed: " + e, e);
    }
  }

  /** The matcher for the spec loaded for the release. */
  EndpointMatcher matcher(Release release) {
    List<Operation> operations =
        database
            .dsl()
            .select(OPEN_API.PATH, OPEN_API.HTTP_METHOD, OPEN_API.ENDPOINT)
            .from(OPEN_API)
            .where(OPEN_API.RELEASE.eq(release.toString()))
            .fetch(r -> new Operation(r.value1(), HttpMethod.of(r.value2()), r.value3()));
    if (operations.isEmpty()) {
      throw new InputException(
          "no spec is loaded for release "
              + release
              + "; load it first: snoop load spec --release "
              + release);
    }
    return EndpointMatcher.of(operations);
  }

  private Set<String> codenames(Release release) {
    return new HashSet<>(
        database
            .dsl()
            .select(RELEASE_TEST.CODENAME)
            .from(RELEASE_TEST)
            .where(RELEASE_TEST.LIST_RELEASE.eq(release.toString()))
            .fetch(RELEASE_TEST.CODENAME));
  }
}
