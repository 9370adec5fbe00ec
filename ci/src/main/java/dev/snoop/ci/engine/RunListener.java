package dev.snoop.ci.engine;

import dev.snoop.ci.run.JobRun;

/**
 * Told of a run's transitions before they are stored (the artifact store writes {@code
 * started.json}, {@code finished.json} and {@code prowjob.json} from them). A call may be repeated
 * after a crash or a failed write, so it must be idempotent; when it throws, the transition is not
 * stored and is tried again on the next pass.
 */
public interface RunListener {
  /** Does nothing. */
  RunListener NONE = new RunListener() {};

  /** The run's workload was started or adopted; {@code run} is pending with its pod name. */
  default void started(JobRun run) {}

  /** The run is complete; {@code run} has its final state and completion time. */
  default void finished(JobRun run) {}
}
