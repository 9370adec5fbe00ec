package dev.snoop.coverage.gate;

import dev.snoop.db.input.Durations;
import dev.snoop.db.input.InvalidValueException;
import dev.snoop.db.release.Release;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * What the gate is asked.
 *
 * @param release the release to judge; empty for the catalogue's working release
 * @param expect sources that must have a current run (a Prow job name or a source as ingested);
 *     empty for the default: every source with a run, and all of {@code defaultJobs} as soon as one
 *     of them has a run
 * @param defaultJobs the Prow jobs that belong together (APISnoop's three audit jobs)
 * @param maxAge how old a run's newest audit event may be
 * @param regressions whether endpoints that lost every conformance hit since the previous release
 *     fail the gate (they are reported either way)
 * @param now the time ages are measured at
 * @param requireSuccess whether a new endpoint counts as conformance-tested only when a conformance
 *     test's request to it succeeded; APISnoop counts any hit, whatever the answer
 * @param minBuilds a new endpoint counts as conformance-tested only when a conformance test hit it
 *     in at least this many of the release's stored builds; 1 asks only the current runs' hit
 */
public record GateRequest(
    Optional<Release> release,
    List<String> expect,
    List<String> defaultJobs,
    Duration maxAge,
    boolean regressions,
    Instant now,
    boolean requireSuccess,
    int minBuilds) {
  /** APISnoop's gate runs every 3 hours; two days covers a broken day of its jobs. */
  public static final Duration DEFAULT_MAX_AGE = Duration.ofHours(48);

  public GateRequest {
    Objects.requireNonNull(release, "release");
    expect = List.copyOf(expect);
    defaultJobs = List.copyOf(defaultJobs);
    Objects.requireNonNull(now, "now");
    if (maxAge == null || maxAge.isNegative() || maxAge.isZero()) {
      throw new InvalidValueException(
          "the age limit must be a positive duration, not "
              + (maxAge == null ? "none" : Durations.format(maxAge)));
    }
    if (minBuilds < 1) {
      throw new InvalidValueException(
          "the minimum number of builds must be at least 1, not " + minBuilds);
    }
  }

  /** APISnoop's rule: any conformance hit counts, whatever the answer. */
  public GateRequest(
      Optional<Release> release,
      List<String> expect,
      List<String> defaultJobs,
      Duration maxAge,
      boolean regressions,
      Instant now) {
    this(release, expect, defaultJobs, maxAge, regressions, now, false);
  }

  /** A request that asks only the current runs' hit. */
  public GateRequest(
      Optional<Release> release,
      List<String> expect,
      List<String> defaultJobs,
      Duration maxAge,
      boolean regressions,
      Instant now,
      boolean requireSuccess) {
    this(release, expect, defaultJobs, maxAge, regressions, now, requireSuccess, 1);
  }
}
