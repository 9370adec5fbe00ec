package dev.snoop.coverage.sig;

import java.util.List;
import java.util.Locale;

/** Coverage by SIG for the terminal: one line per SIG. */
public final class SigText {
  private SigText() {}

  public static String of(List<SigCoverage> sigs) {
    StringBuilder out =
        new StringBuilder("\nCoverage by SIG (tests' [sig-x] tags, current runs):\n");
    if (sigs.isEmpty()) {
      return out.append("  no test with a [sig-x] tag\n").toString();
    }
    out.append(
        String.format(
            Locale.ROOT, "  %-28s %9s %14s %11s%n", "sig", "endpoints", "conformance", "only it"));
    for (SigCoverage s : sigs) {
      out.append(
          String.format(
              Locale.ROOT,
              "  %-28s %9d %14d %11d%n",
              s.sig(),
              s.endpoints(),
              s.conformanceEndpoints(),
              s.onlyThisSig()));
    }
    return out.toString();
  }
}
