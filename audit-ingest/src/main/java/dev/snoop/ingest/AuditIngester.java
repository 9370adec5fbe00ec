package dev.snoop.ingest;

import dev.snoop.db.Database;
import dev.snoop.db.input.InputException;
import dev.snoop.db.release.Release;
import dev.snoop.db.release.ReleaseCatalogue;
import dev.snoop.ingest.store.EndpointHits;
import dev.snoop.ingest.store.IngestRun;
import dev.snoop.ingest.store.PhaseTimer;
import java.sql.SQLException;

/**
 * Ingests audit events into snoopdb as one run: builds the release's matcher from its loaded spec,
 * lets a feed push the events through an {@link IngestSession}, and commits the run, or leaves
 * nothing when anything fails. A run that read no audit event is refused unless the request allows
 * it ({@link NoAuditEventsException}).
 */
public final class AuditIngester {
  private final Database database;
  private final int maxAggregateRows;

  public AuditIngester(Database database) {
    this(database, EndpointHits.MAX_ROWS);
  }

  /** With a smaller aggregate in memory, so tests can make a run spill it. */
  AuditIngester(Database database, int maxAggregateRows) {
    this.database = database;
    this.maxAggregateRows = maxAggregateRows;
  }

  /**
   * Pushes the run's events into the session and says how many bytes it read and their checksum.
   */
  @FunctionalInterface
  public interface Feed {
    /** Reads everything into the session; returns what was read. */
    FeedResult feed(IngestSession session) throws Exception;
  }

  /** The bytes and lines a feed read, and the bytes' sha256. */
  public record FeedResult(long bytes, long lines, String checksum) {}

  public IngestResult ingest(IngestRequest request, Feed feed) {
    Release release = request.release();
    PhaseTimer phases = new PhaseTimer();
    new ReleaseCatalogue(database.dsl()).require(release); // says to load the catalogue
    ReleaseMatching matching = ReleaseMatching.load(database.dsl(), release);
    var identity =
        new IngestRun.RunIdentity(
            release.toString(),
            request.source(),
            request.job(),
            request.buildId(),
            request.keepRaw(),
            request.runStarted());
    long start = System.nanoTime();
    try (IngestRun run = IngestRun.start(database.connection(), identity)) {
      IngestSession session =
          new IngestSession(request, matching, run, new EndpointHits(maxAggregateRows));
      phases.lap("start");
      FeedResult read = feed.feed(session);
      if (session.eventsRead() == 0 && !request.allowEmpty()) {
        throw session.noAuditEvents(read);
      }
      phases.lap("read, match, copy events");
      long millis = (System.nanoTime() - start) / 1_000_000;
      session.endOfLog();
      run.commit(session.hits(), session.totals(read.checksum(), millis), phases);
      return session.result(
          run.id(), read.bytes(), (System.nanoTime() - start) / 1_000_000, phases.millis());
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
}
