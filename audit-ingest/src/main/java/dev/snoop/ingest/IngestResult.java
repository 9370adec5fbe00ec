package dev.snoop.ingest;

import dev.snoop.ingest.reader.ReadProblem;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What a committed run read and stored, for the summary.
 *
 * @param phaseMillis wall time of each phase of the run, in order (where an ingest spends)
 */
public record IngestResult(
    long runId,
    String source,
    String release,
    long eventsRead,
    long requests,
    long matched,
    Map<String, Long> unmatched,
    Map<String, Long> responses,
    Map<String, Long> skipped,
    long problems,
    List<ReadProblem> firstProblems,
    long bytesRead,
    long durationMillis,
    Map<String, Long> phaseMillis) {
  public IngestResult {
    phaseMillis = Collections.unmodifiableMap(new LinkedHashMap<>(phaseMillis));
  }

  public double eventsPerSecond() {
    return durationMillis == 0 ? 0 : eventsRead * 1000.0 / durationMillis;
  }

  public double matchedPercent() {
    return requests == 0 ? 100 : matched * 100.0 / requests;
  }

  /** The end-of-run summary. */
  public String describe() {
    StringBuilder out = new StringBuilder();
    out.append(
        String.format(
            "ingested %s for %s (run %d)%n  %,d events, %,d requests in %.1f s: %,.0f events/s,"
                + " %.1f MB/s%n  matched %,d (%.2f%%)%n",
            source,
            release,
            runId,
            eventsRead,
            requests,
            durationMillis / 1000.0,
            eventsPerSecond(),
            durationMillis == 0 ? 0 : bytesRead / 1e3 / durationMillis,
            matched,
            matchedPercent()));
    unmatched.forEach(
        (reason, n) -> out.append(String.format("  unmatched %-18s %,d%n", reason, n)));
    if (!responses.isEmpty()) {
      out.append("  responses ").append(responses).append('\n');
    }
    skipped.forEach((reason, n) -> out.append(String.format("  skipped %s: %,d%n", reason, n)));
    if (problems > 0) {
      out.append(String.format("  unreadable: %,d%n", problems));
      firstProblems.forEach(p -> out.append("    ").append(p).append('\n'));
    }
    return out.toString();
  }
}
