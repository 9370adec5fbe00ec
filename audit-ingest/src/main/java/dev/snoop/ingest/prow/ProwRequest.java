package dev.snoop.ingest.prow;

import dev.snoop.db.input.InvalidValueException;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Which build's audit logs to fetch.
 *
 * @param job the Prow job, e.g. {@code ci-kubernetes-audit-kind-conformance}
 * @param build a build id; empty to take the job's latest successful build
 * @param window how many of the newest builds the search for a successful one looks at
 * @param allowUnsuccessful take a named build even if it failed or was aborted (a running build is
 *     always refused: its logs are not uploaded yet); the search never picks an unsuccessful one
 */
public record ProwRequest(
    String job, Optional<String> build, int window, boolean allowUnsuccessful) {
  /** The newest 50 builds: about six days of a job that runs every three hours. */
  public static final int DEFAULT_WINDOW = 50;

  private static final Pattern JOB = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]*");
  private static final Pattern BUILD = Pattern.compile("[0-9]+");

  public ProwRequest {
    Objects.requireNonNull(job, "job");
    Objects.requireNonNull(build, "build");
    if (!JOB.matcher(job).matches()) {
      throw new InvalidValueException(
          "\"" + job + "\" is not a Prow job name (letters, digits, '.', '_', '-')");
    }
    build.ifPresent(
        id -> {
          if (!BUILD.matcher(id).matches()) {
            throw new InvalidValueException(
                "\"" + id + "\" is not a Prow build id (digits only, e.g. 1512178471646793728)");
          }
        });
    if (window < 1) {
      throw new IllegalArgumentException("the search window must be at least 1 build");
    }
  }

  /** The jobs whose audit logs APISnoop's coverage is made of, by their current names. */
  public static List<String> apisnoopJobs() {
    return JobLayout.KNOWN.stream().map(layout -> layout.jobs().get(0)).toList();
  }

  /** The job's latest successful build among the newest {@link #DEFAULT_WINDOW}. */
  public static ProwRequest latest(String job) {
    return new ProwRequest(job, Optional.empty(), DEFAULT_WINDOW, false);
  }

  /** One build of the job, which must have succeeded. */
  public static ProwRequest build(String job, String build) {
    return new ProwRequest(job, Optional.of(build), DEFAULT_WINDOW, false);
  }
}
