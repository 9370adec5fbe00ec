package dev.snoop.coverage.gate;

import dev.snoop.coverage.gate.GateReport.GateEndpoint;
import dev.snoop.coverage.gate.GateReport.Regression;
import dev.snoop.coverage.gate.GateReport.Source;
import dev.snoop.coverage.gate.GateReport.Verdict;
import dev.snoop.db.input.Durations;
import java.util.List;
import java.util.Locale;

/** The gate's report as GitHub-flavoured Markdown, for a pull request comment. */
public final class GateMarkdown {
  private GateMarkdown() {}

  public static String of(GateReport g) {
    StringBuilder out = new StringBuilder();
    String icon =
        switch (g.verdict()) {
          case PASS -> ":white_check_mark:";
          case FAIL -> ":x:";
          case ERROR -> ":warning:";
        };
    out.append("### ").append(icon).append(" Conformance gate for ").append(g.release());
    out.append("\n\n**").append(cell(g.headline())).append("**\n\n");
    out.append(
        String.format(
            Locale.ROOT,
            "%d new eligible endpoints since %s: %d conformance-tested, %d untested, %d pending."
                + " Levels by the `%s` rule.%n%n",
            g.endpoints().size(),
            g.previousRelease() == null ? "?" : g.previousRelease(),
            g.tested().size(),
            g.untested().size(),
            g.pending().size(),
            g.levelRule() == null ? "?" : g.levelRule()));

    out.append(cell(g.errorOnlyLine())).append(".\n\n");

    if (g.verdict() == Verdict.ERROR) {
      out.append("The gate cannot decide; missing or stale inputs:\n\n");
      for (String p : g.problems()) {
        out.append("- ").append(cell(p)).append('\n');
      }
      out.append('\n');
    }

    List<GateEndpoint> failing = g.untested();
    if (!failing.isEmpty() || !g.pending().isEmpty()) {
      out.append(
          "| status | endpoint | method and path | kind | group/version | hit by e2e tests |\n");
      out.append("|---|---|---|---|---|---|\n");
      for (GateEndpoint e : failing) {
        row(out, "untested", e);
      }
      for (GateEndpoint e : g.pending()) {
        row(out, "pending", e);
      }
      out.append('\n');
    }

    if (!g.regressions().isEmpty()) {
      out.append(
          String.format(
              Locale.ROOT,
              "Conformance-tested in %s, no conformance test now (%s):%n%n",
              g.previousRelease(),
              g.regressionsFail() ? "failing" : "reported only"));
      out.append("| endpoint | method and path | group/version | conformance tests in ")
          .append(g.previousRelease())
          .append(" |\n|---|---|---|---|\n");
      for (Regression x : g.regressions()) {
        out.append("| `")
            .append(x.endpoint())
            .append("` | ")
            .append(cell(x.method() + " " + x.path()))
            .append(" | ")
            .append(cell(x.groupVersion()))
            .append(" | ")
            .append(tests(x.previousTests()))
            .append(" |\n");
      }
      out.append('\n');
    }

    out.append("<details><summary>Sources</summary>\n\n");
    out.append("| source | build | events | matched | age |\n|---|---|---:|---:|---|\n");
    for (Source s : g.sources()) {
      out.append(
          String.format(
              Locale.ROOT,
              "| %s | %s | %,d | %,d | %s |%n",
              cell(s.name()),
              s.buildId() == null ? "" : cell(s.buildId()),
              s.events(),
              s.matched(),
              s.age() == null ? "unknown" : Durations.format(s.age())));
    }
    out.append("\n</details>\n");
    return out.toString();
  }

  private static void row(StringBuilder out, String status, GateEndpoint e) {
    out.append("| ")
        .append(status)
        .append(" | `")
        .append(e.endpoint())
        .append("` | ")
        .append(cell(e.method() + " " + e.path()))
        .append(" | ")
        .append(e.kind() == null ? "" : cell(e.kind()))
        .append(" | ")
        .append(cell(e.groupVersion()))
        .append(" | ")
        .append(tests(e.otherTests()))
        .append(" |\n");
  }

  private static String tests(List<String> tests) {
    if (tests.isEmpty()) {
      return "";
    }
    String first = cell(tests.get(0));
    return tests.size() == 1 ? first : first + " and " + (tests.size() - 1) + " more";
  }

  /** Text safe inside a table cell: no pipes, no line breaks, no markup from test names. */
  static String cell(String text) {
    return text.replace("\\", "\\\\")
        .replace("|", "\\|")
        .replace("`", "\\`")
        .replace("*", "\\*")
        .replace("_", "\\_")
        .replace("<", "&lt;")
        .replace("\r", " ")
        .replace("\n", " ");
  }
}
