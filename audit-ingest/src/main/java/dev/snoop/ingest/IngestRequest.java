package dev.snoop.ingest;

import dev.snoop.db.release.Release;
import java.time.Instant;

/**
 * What to ingest.
 *
 * @param source names the run; ingesting the same source for the same release again replaces it
 * @param job Prow job name when the source is a Prow build, else null
 * @param buildId Prow build id when the source is a Prow build, else null
 * @param keepRaw store each event's JSON in audit_event.data
 * @param maxProblems how many unreadable lines or objects are tolerated before the run fails
 * @param runStarted when the job run started, if the source says (a Prow build's started.json);
 *     null takes the run's first audit event
 */
public record IngestRequest(
    Release release,
    String source,
    String job,
    String buildId,
    boolean keepRaw,
    long maxProblems,
    Instant runStarted) {
  public IngestRequest {
    if (maxProblems < 0) {
      throw new IllegalArgumentException("maxProblems must not be negative");
    }
  }

  /** A source that does not say when its run started: the run's first audit event tells. */
  public IngestRequest(
      Release release,
      String source,
      String job,
      String buildId,
      boolean keepRaw,
      long maxProblems) {
    this(release, source, job, buildId, keepRaw, maxProblems, null);
  }
}
