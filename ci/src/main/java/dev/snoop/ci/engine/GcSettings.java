package dev.snoop.ci.engine;

import java.time.Duration;

/**
 * Garbage collection (Prow's sinker).
 *
 * @param period between two collections ({@code resync_period}); zero turns collection off
 * @param maxRunAge complete runs older than this (from their start) are deleted ({@code
 *     max_prowjob_age}), but for the newest complete run of each periodic still configured
 * @param terminatedWorkloadTtl a complete run's workload is removed this long after completion
 *     ({@code terminated_pod_ttl})
 */
public record GcSettings(Duration period, Duration maxRunAge, Duration terminatedWorkloadTtl) {
  /** Sinker's defaults: every hour, runs kept 7 days, workloads 24 hours. */
  public static final GcSettings PROW =
      new GcSettings(Duration.ofHours(1), Duration.ofDays(7), Duration.ofHours(24));

  /** No collection. */
  public static final GcSettings OFF = new GcSettings(Duration.ZERO, Duration.ZERO, Duration.ZERO);

  public boolean on() {
    return !period.isZero();
  }
}
