package dev.snoop.ci.exec;

import dev.snoop.ci.run.JobRun;
import dev.snoop.ci.run.JobState;

/**
 * Where runs run: a local process, a Kubernetes pod, or a real Prow. The engine's loops call it
 * from any engine process, for runs stored in the database; it keeps nothing a restart would lose
 * (a workload is found again by the run's id), so every call is safe to repeat.
 */
public interface Executor {
  /** {@code local}, {@code kubernetes} or {@code prow}: the value of {@code --executor}. */
  String name();

  /**
   * Starts the run's workload, or adopts the one already started under the run's id (an engine that
   * died between starting it and recording that).
   *
   * @return the workload's name ({@code status.pod_name})
   * @throws StartRefusedException when the workload can never start (Prow's 4xx on pod create): the
   *     run is an error and is not retried
   */
  String start(JobRun run);

  /** What the run's workload is doing now. */
  Observation observe(JobRun run);

  /**
   * Stops the workload: an interrupt, then a kill after the run's grace period. Returns at once;
   * {@link #observe} reports it finished once it has stopped.
   */
  void abort(JobRun run);

  /** Removes what is left of a complete run's workload (its pod); its artifacts stay. */
  void cleanUp(JobRun run);

  /**
   * Asks to be told when a workload may have changed (a process ended, a pod's phase changed), so
   * the engine looks at once instead of at its next resync. Optional: without it the engine still
   * sees every change within its resync period.
   */
  default void onChange(Runnable changed) {}

  /** What a workload is doing. */
  sealed interface Observation {
    /** Still running (or still starting). */
    record Running(String detail) implements Observation {}

    /**
     * Ended: {@code state} is success, failure, aborted or error, {@code description} says why
     * (Prow's texts: "Job succeeded.", "Job failed.", ...).
     */
    record Finished(JobState state, String description) implements Observation {}

    /** Not there: never started, or gone (deleted, lost with its machine). */
    record Missing(String detail) implements Observation {}
  }
}
