package dev.snoop.coverage.diff;

import dev.snoop.coverage.diff.DiffReport.Change;
import dev.snoop.coverage.diff.DiffReport.KindDiff;
import java.util.List;
import java.util.stream.Collectors;

/**
 * A diff as a PR comment: a summary table, then the operations gained and lost per kind in
 * collapsed sections, so a large diff stays one screen until opened. GitHub takes comments up to
 * 65,536 characters: past {@link #MAX_LISTED} operations per list the rest are counted, not listed.
 */
public final class DiffMarkdown {
  static final int MAX_LISTED = 200;

  private DiffMarkdown() {}

  public static String of(DiffReport report) {
    StringBuilder out = new StringBuilder();
    out.append("### API coverage: ")
        .append(report.head().describe())
        .append(" against ")
        .append(report.base().describe())
        .append("\n\n");
    out.append("| | base | head | gained | lost |\n|---|---:|---:|---:|---:|\n");
    for (KindDiff kind : report.kinds()) {
      out.append("| ")
          .append(kind.kind().label())
          .append(" | ")
          .append(kind.baseCount())
          .append(" | ")
          .append(kind.headCount())
          .append(" | ")
          .append(kind.gained().size())
          .append(" | ")
          .append(kind.lost().size())
          .append(" |\n");
    }
    if (report.unchanged()) {
      out.append("\nNo endpoint gained or lost.\n");
    }
    for (KindDiff kind : report.kinds()) {
      section(out, kind.kind().label() + " gained", kind.gained());
      section(out, kind.kind().label() + " lost", kind.lost());
    }
    return out.toString();
  }

  private static void section(StringBuilder out, String title, List<Change> changes) {
    if (changes.isEmpty()) {
      return;
    }
    out.append("\n<details><summary>")
        .append(changes.size())
        .append(' ')
        .append(title)
        .append("</summary>\n\n| endpoint | tests |\n|---|---|\n");
    for (Change change : changes.subList(0, Math.min(MAX_LISTED, changes.size()))) {
      out.append("| `")
          .append(change.endpoint())
          .append("` | ")
          .append(
              change.tests().stream()
                  .map(t -> escape(testName(t)))
                  .collect(Collectors.joining("<br>")))
          .append(" |\n");
    }
    if (changes.size() > MAX_LISTED) {
      out.append("\n... and ").append(changes.size() - MAX_LISTED).append(" more\n");
    }
    out.append("\n</details>\n");
  }

  /** A test as shown: "" is e2e.test outside any test. */
  static String testName(String test) {
    return test.isEmpty() ? "(e2e.test outside a test)" : test;
  }

  private static String escape(String text) {
    return text.replace("|", "\\|").replace("<", "&lt;");
  }
}
