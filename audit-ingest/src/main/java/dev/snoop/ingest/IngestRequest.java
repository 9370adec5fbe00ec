package dev.snoop.ingest;

import dev.snoop.db.input.InvalidValueException;
import dev.snoop.db.release.Release;

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
 */
public record IngestRequest(
    Release release,
    String source,
    String job,
    String buildId,
    boolean keepRaw,
    long maxProblems,
    boolean allowEmpty) {
  public IngestRequest {
    if (maxProblems < 0) {
      throw new InvalidValueException(
          "the number of unreadable lines a run tolerates must not be negative, not "
              + maxProblems);
    }
  }

  /** A request that refuses a run without audit events. */
  public IngestRequest(
      Release release,
      String source,
      String job,
      String buildId,
      boolean keepRaw,
      long maxProblems) {
    this(release, source, job, buildId, keepRaw, maxProblems, false);
  }
}
