package dev.snoop.submissions;

import java.util.List;

/**
 * The official bot's comment (<a
 * href="https://github.com/kubernetes-sigs/verify-conformance/blob/main/internal/suite/suite.go">verify-conformance</a>):
 * "All requirements (N) have passed" or "P of N requirements have passed" with a {@code - [FAIL]}
 * bullet per failed check and its hints indented under it, the hints HTML-escaped as the bot does.
 */
final class CommentWriter {
  static final String NOT_A_SUBMISSION =
      "This pull request appears to not be a conformance results submission, because its title"
          + " doesn't include \"conformance results for\"; Checks will not run.\n"
          + "\n"
          + "If this change is intended to be verified as a conformance results submission see:"
          + " [_content of the PR_](https://github.com/cncf/k8s-conformance/blob/master/"
          + "instructions.md#contents-of-the-pr), and [_requirements_](https://github.com/cncf/"
          + "k8s-conformance/blob/master/instructions.md#requirements)";

  private static final String DOCS =
      "\n\n for a full list of requirements, please refer to these sections of the docs:"
          + " [_content of the PR_](https://github.com/cncf/k8s-conformance/blob/master/"
          + "instructions.md#contents-of-the-pr), and [_requirements_](https://github.com/cncf/"
          + "k8s-conformance/blob/master/instructions.md#requirements).";

  private CommentWriter() {}

  /** The comment over these checks: failures in the bot's words, then any warnings. */
  static String write(List<Check> checks) {
    long failed = checks.stream().filter(Check::failed).count();
    StringBuilder comment = new StringBuilder();
    if (failed == 0) {
      comment
          .append("All requirements (")
          .append(checks.size())
          .append(") have passed for the submission!");
    } else {
      comment
          .append(checks.size() - failed)
          .append(" of ")
          .append(checks.size())
          .append(" requirements have passed. Please review the following:");
      for (Check check : checks) {
        if (check.failed()) {
          entry(comment, "FAIL", check.description(), check);
        }
      }
    }
    for (Check check : checks) {
      if (check.status() == CheckStatus.WARN) {
        entry(comment, "WARN", check.description(), check);
      }
    }
    if (failed > 0) {
      comment.append(DOCS);
    }
    return comment.append('\n').toString();
  }

  private static void entry(StringBuilder comment, String kind, String title, Check check) {
    comment.append("\n- [").append(kind).append("] ").append(title);
    for (Finding finding : check.findings()) {
      comment.append("\n  - ").append(escape(finding.message()));
    }
  }

  /** Go's html.EscapeString, which the bot applies to every hint. */
  static String escape(String text) {
    StringBuilder out = new StringBuilder(text.length());
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      switch (c) {
        case '&' -> out.append("&amp;");
        case '\'' -> out.append("&#39;");
        case '<' -> out.append("&lt;");
        case '>' -> out.append("&gt;");
        case '"' -> out.append("&#34;");
        default -> out.append(c);
      }
    }
    return out.toString();
  }
}
