package dev.snoop.ci.engine;

import dev.snoop.ci.run.JobRun;
import java.time.Duration;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;

/**
 * How an engine runs.
 *
 * @param lease how long a run (and the engine's snowflake node) stays the engine's without a
 *     renewal; another engine adopts the runs of one silent for longer. Renewed every third of it.
 * @param resync the longest time between two passes over the runs when nothing wakes the engine
 * @param newRunExecutor the executor of the runs the engine itself makes (periodics)
 * @param scope the only runs this engine admits ({@code snoop jobs run --wait}), else every run
 * @param jobUrl the run's page, {@code status.url}
 * @param gc Prow's sinker settings
 * @param periodics whether the engine starts periodics (horologium)
 */
public record EngineSettings(
    Duration lease,
    Duration resync,
    String newRunExecutor,
    Optional<Set<String>> scope,
    Function<JobRun, Optional<String>> jobUrl,
    GcSettings gc,
    boolean periodics) {

  public static final Duration DEFAULT_LEASE = Duration.ofSeconds(30);
  public static final Duration DEFAULT_RESYNC = Duration.ofSeconds(1);

  public EngineSettings {
    if (lease.compareTo(Duration.ofMillis(300)) < 0) {
      throw new IllegalArgumentException("the lease must be at least 300 ms, not " + lease);
    }
    scope = scope.map(Set::copyOf);
  }

  /** Every run, Prow's defaults, periodics and GC on, no run page. */
  public static EngineSettings defaults(String newRunExecutor) {
    return new EngineSettings(
        DEFAULT_LEASE,
        DEFAULT_RESYNC,
        newRunExecutor,
        Optional.empty(),
        run -> Optional.empty(),
        GcSettings.PROW,
        true);
  }

  public EngineSettings withLease(Duration newLease) {
    return new EngineSettings(newLease, resync, newRunExecutor, scope, jobUrl, gc, periodics);
  }

  public EngineSettings withResync(Duration newResync) {
    return new EngineSettings(lease, newResync, newRunExecutor, scope, jobUrl, gc, periodics);
  }

  /** Admits only these runs, starts no periodic and collects nothing. */
  public EngineSettings onlyRuns(Set<String> ids) {
    return new EngineSettings(
        lease, resync, newRunExecutor, Optional.of(ids), jobUrl, GcSettings.OFF, false);
  }

  public EngineSettings withJobUrl(Function<JobRun, Optional<String>> newJobUrl) {
    return new EngineSettings(lease, resync, newRunExecutor, scope, newJobUrl, gc, periodics);
  }

  public EngineSettings withGc(GcSettings newGc) {
    return new EngineSettings(lease, resync, newRunExecutor, scope, jobUrl, newGc, periodics);
  }

  /** Whether this engine admits the run. */
  boolean admits(String runId) {
    return scope.map(ids -> ids.contains(runId)).orElse(true);
  }
}
