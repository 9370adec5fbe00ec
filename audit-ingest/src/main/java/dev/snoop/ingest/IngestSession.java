package dev.snoop.ingest;

import dev.snoop.ingest.attribution.TestAttribution;
import dev.snoop.ingest.matcher.Match;
import dev.snoop.ingest.reader.AuditEvent;
import dev.snoop.ingest.reader.AuditEventSink;
import dev.snoop.ingest.reader.ReadProblem;
import dev.snoop.ingest.store.AuditRow;
import dev.snoop.ingest.store.EndpointHits;
import dev.snoop.ingest.store.IngestRun;
import dev.snoop.ingest.store.RequestDeduplicator;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Takes the events of one run as they are read: counts each request once, matches it, attributes it
 * to its test, aggregates it and hands the row to the run's writer. Not thread-safe: one reader
 * feeds it.
 */
public final class IngestSession implements AuditEventSink {
  private static final int MAX_IN_FLIGHT = 200_000;
  private static final int PROBLEMS_KEPT = 20;

  private final IngestRequest request;
  private final ReleaseMatching matching;
  private final IngestRun run;
  private final RequestDeduplicator requests =
      new RequestDeduplicator(MAX_IN_FLIGHT, this::requestEnded);
  private final EndpointHits hits;
  private final Map<String, Long> unmatched = new TreeMap<>();
  private final Map<String, Long> responses = new TreeMap<>();
  private final Map<String, Long> skipped = new TreeMap<>();
  private final List<ReadProblem> firstProblems = new ArrayList<>();
  private long eventsRead;
  private long requestCount;
  private long matched;
  private long problems;
  private long firstMicros = Long.MAX_VALUE;
  private long lastMicros = Long.MIN_VALUE;

  IngestSession(IngestRequest request, ReleaseMatching matching, IngestRun run, EndpointHits hits) {
    this.request = request;
    this.hits = hits;
    this.matching = matching;
    this.run = run;
  }

  /** One audit event, of any stage. */
  @Override
  public void event(AuditEvent event) {
    eventsRead++;
    if (event.code() >= 100) {
      responses.merge((event.code() / 100) + "xx", 1L, Long::sum);
    }
    if (event.receivedMicros() != Long.MIN_VALUE) {
      firstMicros = Math.min(firstMicros, event.receivedMicros());
    }
    lastMicros = Math.max(lastMicros, Math.max(event.stageMicros(), event.receivedMicros()));
    RequestDeduplicator.Seen seen = requests.see(event.auditId(), event.stage(), event.code());
    if (seen == RequestDeduplicator.Seen.LATER) {
      return;
    }
    requestCount++;
    Match match = matching.matcher().match(event.verb(), event.requestUri());
    TestAttribution who = matching.attribution(event.userAgent());
    boolean complete = seen == RequestDeduplicator.Seen.NEW_AND_COMPLETE;
    if (match.matched()) {
      matched++;
      hits.add(
          match.operationId(),
          event.userAgent(),
          who,
          event.receivedMicros(),
          complete ? event.code() : AuditEvent.NO_CODE,
          QueryParameters.names(event.requestUri()));
      spillWhenFull();
    } else {
      unmatched.merge(match.unmatched().id(), 1L, Long::sum);
    }
    if (!complete) {
      requests.start(
          event.auditId(),
          match.matched() ? match.operationId() : null,
          event.userAgent(),
          who,
          event.code());
    }
    run.write(
        new AuditRow(
            event.auditId(),
            match.operationId(),
            event.userAgent(),
            who.test(),
            who.testHit(),
            match.matched() ? null : match.unmatched().id(),
            who.confTestHit(),
            request.keepRaw() ? event.raw() : null));
  }

  /** A request first seen at an early stage has ended: its outcome is its last code. */
  private void requestEnded(RequestDeduplicator.InFlight request) {
    if (request.endpoint() != null && request.code() >= 100) {
      hits.addOutcome(
          request.endpoint(), request.userAgent(), request.attribution(), request.code());
      spillWhenFull();
    }
  }

  private void spillWhenFull() {
    if (hits.full()) {
      run.spill(hits);
    }
  }

  /** The log has ended: requests still in flight end with the last code they had. */
  void endOfLog() {
    requests.endAll();
  }

  /** A line or object that is not a readable audit event. */
  @Override
  public void problem(ReadProblem problem) {
    problems++;
    if (firstProblems.size() < PROBLEMS_KEPT) {
      firstProblems.add(problem);
    }
    if (problems > request.maxProblems()) {
      throw new IngestProblemsException(
          "more than "
              + request.maxProblems()
              + " unreadable lines or objects, more than the run tolerates; nothing was stored."
              + " First: "
              + firstProblems.get(0)
              + (firstProblems.size() > 1 ? "; " + firstProblems.get(1) : ""));
    }
  }

  /** A record read that is readable but no audit event (e.g. a cloud audit record). */
  @Override
  public void skipped(String reason) {
    skipped.merge(reason, 1L, Long::sum);
  }

  /** Why a run that read no audit event is refused: what it read instead. */
  NoAuditEventsException noAuditEvents(AuditIngester.FeedResult read) {
    StringBuilder what = new StringBuilder(request.source()).append(": no audit event");
    if (read.bytes() == 0) {
      what.append(": the source is empty (0 bytes)");
    } else {
      what.append(String.format(" in %,d bytes, %,d lines", read.bytes(), read.lines()));
      List<String> found = new ArrayList<>();
      if (problems > 0) {
        found.add(String.format("%,d unreadable (first: %s)", problems, firstProblems.get(0)));
      }
      skipped.forEach((reason, n) -> found.add(String.format("%,d skipped: %s", n, reason)));
      if (!found.isEmpty()) {
        what.append(": ").append(String.join(", ", found));
      }
    }
    return new NoAuditEventsException(what.append("; nothing was stored").toString());
  }

  EndpointHits hits() {
    return hits;
  }

  IngestRun.Totals totals(String checksum, long durationMillis) {
    return new IngestRun.Totals(
        checksum,
        eventsRead,
        requestCount,
        matched,
        problems,
        responses,
        unmatched,
        skipped,
        firstMicros,
        lastMicros,
        durationMillis);
  }

  IngestResult result(
      long runId, long bytesRead, long durationMillis, Map<String, Long> phaseMillis) {
    return new IngestResult(
        runId,
        request.source(),
        request.release().toString(),
        eventsRead,
        requestCount,
        matched,
        unmatched,
        responses,
        skipped,
        problems,
        List.copyOf(firstProblems),
        bytesRead,
        durationMillis,
        phaseMillis);
  }

  long eventsRead() {
    return eventsRead;
  }
}
