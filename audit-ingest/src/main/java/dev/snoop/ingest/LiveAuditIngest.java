package dev.snoop.ingest;

import dev.snoop.db.Database;
import dev.snoop.db.input.InputException;
import dev.snoop.db.release.Release;
import dev.snoop.db.release.ReleaseCatalogue;
import dev.snoop.ingest.attribution.TestAttribution;
import dev.snoop.ingest.matcher.Match;
import dev.snoop.ingest.reader.AuditEvent;
import dev.snoop.ingest.reader.AuditEventSink;
import dev.snoop.ingest.reader.AuditLogReader;
import dev.snoop.ingest.reader.AuditSourceException;
import dev.snoop.ingest.reader.ReadProblem;
import dev.snoop.ingest.reader.ReaderOptions;
import dev.snoop.ingest.store.ReleaseDate;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * The ingest API of the live audit-webhook sink, for writing a test against a cluster: each batch a
 * kube-apiserver audit webhook posts (an EventList, or events one after another) is read, each
 * request mapped to its operation and test as an ingest run maps it, and written to {@code
 * testing.audit_event} with its JSON and its own time (release_date), in one transaction.
 *
 * <p>A batch with anything unreadable is refused whole, naming the problem, so the sender can fix
 * or resend it and nothing half-read is stored. A request counts once whatever stages the policy
 * logs and whichever batches they come in: the first event of an auditID not yet stored is kept.
 * Batches are taken one at a time.
 */
public final class LiveAuditIngest {
  private static final String INSERT =
      "insert into testing.audit_event (release, release_date, audit_id, endpoint, useragent,"
          + " test, test_hit, conf_test_hit, data, source)"
          + " select {0}, b.release_date, b.audit_id, b.endpoint, b.useragent, b.test, b.test_hit,"
          + " b.conf_test_hit, b.data::jsonb, {1}"
          + " from unnest({2}::text[], {3}::text[], {4}::text[], {5}::text[], {6}::text[],"
          + " {7}::boolean[], {8}::boolean[], {9}::text[])"
          + " as b(release_date, audit_id, endpoint, useragent, test, test_hit, conf_test_hit,"
          + " data)"
          + " where not exists"
          + " (select 1 from testing.audit_event e where e.audit_id = b.audit_id)";

  private final Database database;
  private final Release release;
  private final ReleaseMatching matching;
  private final AuditLogReader reader =
      new AuditLogReader(ReaderOptions.defaults().withKeepRaw(true));

  /** What one batch gave: events read, requests stored (new ones), and requests by outcome. */
  public record Batch(int events, int stored, int matched, Map<String, Integer> unmatched) {}

  /**
   * Maps requests with the spec loaded for {@code release}; fails with an {@link InputException}
   * when there is none.
   */
  public LiveAuditIngest(Database database, Release release) {
    this.database = database;
    this.release = release;
    new ReleaseCatalogue(database.dsl()).require(release); // says to load the catalogue
    this.matching = ReleaseMatching.load(database.dsl(), release);
  }

  /**
   * Reads one posted batch and stores its new requests. {@code source} names the sender in errors
   * and in the rows (e.g. {@code live:10.0.0.1}).
   *
   * @throws InputException when any part of the batch cannot be read; nothing of it is stored
   */
  public synchronized Batch accept(InputStream body, String source) {
    Collected batch = new Collected();
    try {
      reader.read(body, source, batch);
    } catch (AuditSourceException e) { // a gzip body cut short or corrupt
      throw new InputException(
          "audit batch from " + e.getMessage() + "; nothing of the batch was stored", e);
    }
    if (!batch.notEvents.isEmpty()) {
      throw new InputException(
          "audit batch from "
              + source
              + ": "
              + batch.notEvents.get(0)
              + " (a batch holds audit events only); nothing of the batch was stored");
    }
    if (!batch.problems.isEmpty()) {
      ReadProblem first = batch.problems.get(0);
      throw new InputException(
          "audit batch from "
              + first.source()
              + ", line "
              + first.line()
              + ": "
              + first.reason()
              + (batch.problems.size() > 1
                  ? " (and " + (batch.problems.size() - 1) + " more problems)"
                  : "")
              + "; nothing of the batch was stored");
    }
    Rows rows = rows(batch.events);
    int stored =
        database
            .dsl()
            .transactionResult(
                tx ->
                    tx.dsl()
                        .execute(
                            INSERT,
                            release.toString(),
                            source,
                            rows.releaseDates.toArray(String[]::new),
                            rows.auditIds.toArray(String[]::new),
                            rows.endpoints.toArray(String[]::new),
                            rows.userAgents.toArray(String[]::new),
                            rows.tests.toArray(String[]::new),
                            rows.testHits.toArray(Boolean[]::new),
                            rows.confTestHits.toArray(Boolean[]::new),
                            rows.data.toArray(String[]::new)));
    return new Batch(batch.events.size(), stored, rows.matched, rows.unmatched);
  }

  /** One row per request of the batch: the first of its events in the batch. */
  private Rows rows(List<AuditEvent> events) {
    Rows rows = new Rows();
    Set<String> seen = new HashSet<>();
    for (AuditEvent event : events) {
      String auditId = event.auditId() == null ? "" : event.auditId();
      if (!seen.add(auditId)) {
        continue;
      }
      Match match = matching.matcher().match(event.verb(), event.requestUri());
      TestAttribution who = matching.attribution(event.userAgent());
      if (match.matched()) {
        rows.matched++;
      } else {
        rows.unmatched.merge(match.unmatched().id(), 1, Integer::sum);
      }
      rows.releaseDates.add(ReleaseDate.of(time(event)));
      rows.auditIds.add(auditId);
      rows.endpoints.add(match.operationId());
      rows.userAgents.add(event.userAgent());
      rows.tests.add(who.test());
      rows.testHits.add(who.testHit());
      rows.confTestHits.add(who.confTestHit());
      rows.data.add(new String(event.raw(), StandardCharsets.UTF_8));
    }
    return rows;
  }

  /** The event's own time: when its request was received, else its stage's time. */
  private static Instant time(AuditEvent event) {
    long micros =
        event.receivedMicros() != AuditEvent.NO_TIME ? event.receivedMicros() : event.stageMicros();
    return micros == AuditEvent.NO_TIME ? null : Instant.EPOCH.plus(micros, ChronoUnit.MICROS);
  }

  /** Column values of the rows to insert. */
  private static final class Rows {
    final List<String> releaseDates = new ArrayList<>();
    final List<String> auditIds = new ArrayList<>();
    final List<String> endpoints = new ArrayList<>();
    final List<String> userAgents = new ArrayList<>();
    final List<String> tests = new ArrayList<>();
    final List<Boolean> testHits = new ArrayList<>();
    final List<Boolean> confTestHits = new ArrayList<>();
    final List<String> data = new ArrayList<>();
    final Map<String, Integer> unmatched = new TreeMap<>();
    int matched;
  }

  /** Everything the reader found in a batch. */
  private static final class Collected implements AuditEventSink {
    final List<AuditEvent> events = new ArrayList<>();
    final List<ReadProblem> problems = new ArrayList<>();
    final List<String> notEvents = new ArrayList<>();

    @Override
    public void event(AuditEvent event) {
      events.add(event);
    }

    @Override
    public void problem(ReadProblem problem) {
      problems.add(problem);
    }

    @Override
    public void skipped(String reason) {
      // an empty EventList's own fields are all there is of an empty batch; anything else that is
      // no audit event means the sender is no audit webhook
      if (!reason.startsWith("kind EventList,")) {
        notEvents.add(reason);
      }
    }
  }
}
