package dev.snoop.ci.exec;

/** A workload that can never start: the run is an error, not retried (a pod the API refuses). */
public final class StartRefusedException extends RuntimeException {
  public StartRefusedException(String message) {
    super(message);
  }
}
