package dev.snoop.ci.report;

import dev.snoop.ci.run.JobState;

/** How Prow's GitHub reporter words a commit status. */
final class StatusText {
  /** GitHub's limit on a status description that Prow keeps to. */
  static final int MAX_DESCRIPTION = 140;

  /** Separates the description from the base commit, which Tide reads back. */
  static final String BASE_SHA_DELIMITER = " BaseSHA:";

  /** Pads the description so the base commit sits at the right of GitHub's status line. */
  private static final char PAD = '\u2001';

  private StatusText() {}

  /** The status state of a run's state: aborted reports as failure, as in Prow. */
  static String state(JobState state) {
    return switch (state) {
      case TRIGGERED, PENDING -> "pending";
      case SUCCESS -> "success";
      case FAILURE, ABORTED -> "failure";
      case ERROR -> "error";
    };
  }

  /**
   * The description with {@code " BaseSHA:<sha>"} at its end, padded between them to 140 characters
   * and the description cut to fit; without a base commit the description alone, cut to 140.
   */
  static String description(String description, String baseSha) {
    if (baseSha.isEmpty()) {
      return cut(description, MAX_DESCRIPTION);
    }
    String suffix = BASE_SHA_DELIMITER + baseSha;
    String text = cut(description, MAX_DESCRIPTION - suffix.length());
    return text
        + String.valueOf(PAD).repeat(MAX_DESCRIPTION - suffix.length() - text.length())
        + suffix;
  }

  private static String cut(String text, int max) {
    if (max <= 0) {
      return "";
    }
    return text.length() <= max ? text : text.substring(0, max);
  }
}
