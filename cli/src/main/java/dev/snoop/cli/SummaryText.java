package dev.snoop.cli;

import dev.snoop.db.ReleaseSummary;
import java.util.Map;

/** The release summary as a screen of text. */
final class SummaryText {
  private SummaryText() {}

  static String of(ReleaseSummary s) {
    return of(s, null);
  }

  /** The summary, ending with the coverage when audit logs are ingested (null: none are). */
  static String of(ReleaseSummary s, String coverage) {
    StringBuilder out = new StringBuilder();
    out.append("release ").append(s.release());
    if (s.levelRule() != null) {
      out.append(" (levels by the ").append(s.levelRule()).append(" rule)");
    }
    out.append('\n');
    if (s.operations() == 0) {
      out.append("  no spec loaded for this release\n");
    } else {
      out.append(
          String.format(
              "  endpoints      %d (not deprecated; %d deprecated watch operations left out)%n",
              s.operations(), s.deprecated()));
      out.append("  by level       ").append(join(s.levels())).append('\n');
      out.append(
          String.format(
              "  eligible       %d stable endpoints for conformance (%d of them pending)%n",
              s.eligible(), s.pending()));
      out.append("  stable by category\n");
      s.categories()
          .forEach((category, n) -> out.append(String.format("    %-24s %4d%n", category, n)));
    }
    out.append(
        String.format(
            "  conformance    %d tests listed, %d required for a %s submission%n",
            s.conformanceTests(), s.requiredTests(), s.release().minorVersion()));
    if (coverage == null) {
      out.append("  tested         (no audit logs ingested yet)\n");
    } else {
      out.append(coverage)
          .append(
              String.format(
                  "  (snoop coverage --release %s lists the endpoints; snoop gate judges the"
                      + " release)%n",
                  s.release()));
    }
    return out.toString();
  }

  private static String join(Map<String, Integer> counts) {
    StringBuilder out = new StringBuilder();
    counts.forEach(
        (k, v) -> out.append(out.length() == 0 ? "" : ", ").append(k).append(' ').append(v));
    return out.toString();
  }
}
