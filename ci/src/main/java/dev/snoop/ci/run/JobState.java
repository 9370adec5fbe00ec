package dev.snoop.ci.run;

import java.util.Locale;

/** Prow's states of a run. */
public enum JobState {
  /** Queued: waiting for its executor (and for its job's max_concurrency). */
  TRIGGERED,
  /** Running. */
  PENDING,
  SUCCESS,
  FAILURE,
  /** Stopped by a newer push, a user or a timeout; complete once its workload is gone. */
  ABORTED,
  /** The run could not run or its workload broke, not its test (Prow's infrastructure failure). */
  ERROR;

  /** The name Prow writes: {@code triggered}, {@code pending}, ... */
  public String prowName() {
    return name().toLowerCase(Locale.ROOT);
  }

  /** The state Prow writes as {@code name}. */
  public static JobState ofProwName(String name) {
    return valueOf(name.toUpperCase(Locale.ROOT));
  }

  /** Whether nothing more happens to the run (aborted counts once its completion time is set). */
  public boolean finished() {
    return this != TRIGGERED && this != PENDING;
  }
}
