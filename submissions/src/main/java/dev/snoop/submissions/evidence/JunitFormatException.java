package dev.snoop.submissions.evidence;

/**
 * A junit_01.xml the checks cannot read: not XML, or not a Ginkgo v2 report.
 *
 * <p>{@link #getMessage()} says what is wrong for a person; {@link #botHint()} is what the official
 * bot says in its comment for the same file.
 */
public final class JunitFormatException extends Exception {
  private final String botHint;

  JunitFormatException(String message, String botHint) {
    super(message);
    this.botHint = botHint;
  }

  public String botHint() {
    return botHint;
  }
}
