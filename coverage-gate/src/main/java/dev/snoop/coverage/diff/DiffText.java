package dev.snoop.coverage.diff;

import dev.snoop.coverage.diff.DiffReport.Change;
import dev.snoop.coverage.diff.DiffReport.KindDiff;
import java.util.List;

/** A diff for the terminal: per kind the counts, then each operation gained or lost. */
public final class DiffText {
  private DiffText() {}

  public static String of(DiffReport report) {
    StringBuilder out = new StringBuilder();
    out.append("base: ").append(report.base().describe()).append('\n');
    out.append("head: ").append(report.head().describe()).append('\n');
    for (KindDiff kind : report.kinds()) {
      out.append('\n')
          .append(kind.kind().label())
          .append(": ")
          .append(kind.baseCount())
          .append(" -> ")
          .append(kind.headCount())
          .append(" (+")
          .append(kind.gained().size())
          .append(" -")
          .append(kind.lost().size())
          .append(")\n");
      changes(out, "+", kind.gained());
      changes(out, "-", kind.lost());
    }
    return out.toString();
  }

  private static void changes(StringBuilder out, String sign, List<Change> changes) {
    for (Change change : changes) {
      out.append("  ").append(sign).append(' ').append(change.endpoint()).append('\n');
      for (String test : change.tests()) {
        out.append("      ").append(DiffMarkdown.testName(test)).append('\n');
      }
    }
  }
}
