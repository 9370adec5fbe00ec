package dev.snoop.coverage.build;

import dev.snoop.db.release.Release;
import java.util.Objects;
import java.util.Optional;

/**
 * Stored builds of a release, counted from each source's newest: {@code newestFrom} 1 and {@code
 * newestTo} 10 are each source's newest ten builds.
 *
 * @param job only this Prow job's (or source's) builds; empty for every source of the release
 */
public record BuildSet(Release release, Optional<String> job, int newestFrom, int newestTo) {
  public BuildSet {
    Objects.requireNonNull(release, "release");
    Objects.requireNonNull(job, "job");
    if (newestFrom < 1 || newestTo < newestFrom) {
      throw new IllegalArgumentException("builds " + newestFrom + " to " + newestTo);
    }
  }

  /** Every stored build of the release (of the job, when given). */
  public static BuildSet all(Release release, Optional<String> job) {
    return new BuildSet(release, job, 1, Integer.MAX_VALUE);
  }

  /** Each source's newest {@code n} builds. */
  public static BuildSet newest(Release release, Optional<String> job, int n) {
    return new BuildSet(release, job, 1, n);
  }

  /** Each source's {@code n} builds before its newest {@code n}. */
  public static BuildSet previous(Release release, Optional<String> job, int n) {
    return new BuildSet(release, job, n + 1, 2 * n);
  }

  /** "1.34.0 ci-kubernetes-e2e-gci-gce builds 1-10 from the newest". */
  public String describe() {
    return release
        + job.map(j -> " " + j).orElse("")
        + (newestTo == Integer.MAX_VALUE && newestFrom == 1
            ? " every stored build"
            : " builds " + newestFrom + "-" + newestTo + " from the newest");
  }
}
