package dev.snoop.ingest;

import dev.snoop.db.input.InvalidValueException;
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
 * @param allowEmpty store a run that read no audit event (refused otherwise, as an empty or
 *     unreadable source is more likely a mistake than a log)
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
    boolean allowEmpty,
    Instant runStarted) {
  public IngestRequest {
    if (maxProblems < 0) {
      throw new InvalidValueException(
          "the number of unreadable lines a run tolerates must not be negative, not "
              + maxProblems);
    }
  }

  /**
   * A request that refuses a run without audit events, for a source that does not say when its run
   * started (the run's first audit event tells).
   */
  public IngestRequest(
      Release release,
      String source,
      String job,
      String buildId,
      boolean keepRaw,
      long maxProblems) {
    this(release, source, job, buildId, keepRaw, maxProblems, false, null);
  }
}
