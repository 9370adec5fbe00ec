package dev.snoop.submissions;

/** The outcome of a verification, and the exit code the CLI gives it. */
public enum Verdict {
  /** Technically complete: every check passed (warnings allowed). */
  PASS(0, "pass"),
  /** A check failed: the comment says which and why. */
  FAIL(1, "fail"),
  /** Not a submission, or its release cannot be checked (too old, not yet available). */
  CANNOT_PROCESS(2, "cannot_process");

  private final int exitCode;
  private final String id;

  Verdict(int exitCode, String id) {
    this.exitCode = exitCode;
    this.id = id;
  }

  public int exitCode() {
    return exitCode;
  }

  /** As stored in {@code snoop.submission_verification.verdict}. */
  public String id() {
    return id;
  }
}
