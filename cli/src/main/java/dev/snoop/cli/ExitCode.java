package dev.snoop.cli;

/** snoop's exit codes. */
final class ExitCode {
  static final int OK = 0;

  /** A check failed: a normal result (the gate found untested endpoints, a submission fails). */
  static final int CHECK_FAILED = 1;

  /** A user error or a missing or bad input. */
  static final int USER_ERROR = 2;

  /** Something went wrong inside snoop (EX_SOFTWARE). */
  static final int INTERNAL_ERROR = 70;

  private ExitCode() {}
}
