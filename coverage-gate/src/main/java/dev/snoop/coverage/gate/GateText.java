package dev.snoop.coverage.gate;

import dev.snoop.coverage.gate.GateReport.FewBuilds;
import dev.snoop.coverage.gate.GateReport.GateEndpoint;
import dev.snoop.coverage.gate.GateReport.Regression;
import dev.snoop.coverage.gate.GateReport.Source;
import dev.snoop.db.input.Durations;
import java.util.List;
import java.util.Locale;

/** The gate's report for a terminal or a CI log: one screen. */
public final class GateText {
  /** Tests listed per endpoint before "and N more". */
  private static final int TESTS_SHOWN = 2;

  /** Endpoints listed per section before "and N more": the report stays one screen. */
  private static final int ENDPOINTS_SHOWN = 25;

  private GateText() {}

  public static String of(GateReport g) {
    StringBuilder out = new StringBuilder();
    line(
        out,
        "conformance gate for %s (new since %s; levels by the %s rule)",
        g.release(),
        g.previousRelease() == null ? "?" : g.previousRelease(),
        g.levelRule() == null ? "?" : g.levelRule());
    if ("apisnoop".equals(g.levelRule())) {
      line(
          out,
          "  note: the apisnoop rule reads versionless group discovery as stable, so a new alpha"
              + " group fails the gate; the exact level rule reads it as its group's level");
    }
    line(
        out,
        "sources (age from the newest audit event; at most %s):",
        Durations.format(g.maxAge()));
    if (g.sources().isEmpty()) {
      line(out, "  none");
    }
    for (Source s : g.sources()) {
      line(
          out,
          "  %s%s: %,d events, %,d matched, %s%s",
          s.name(),
          s.buildId() == null ? "" : " build " + s.buildId(),
          s.events(),
          s.matched(),
          s.age() == null ? "age unknown" : Durations.format(s.age()) + " old",
          s.problem() == null ? "" : "  <- " + flag(s.problem()));
    }

    List<GateEndpoint> untested = g.untested();
    line(
        out,
        "new eligible endpoints in %s: %d (%d conformance-tested, %d untested, %d pending)",
        g.release(),
        g.endpoints().size(),
        g.tested().size(),
        untested.size(),
        g.pending().size());
    if (!untested.isEmpty()) {
      line(
          out,
          g.successRequired()
              ? "UNTESTED (no conformance test's request to them succeeded):"
              : "UNTESTED (no conformance test hits them):");
      for (GateEndpoint e : untested.subList(0, Math.min(ENDPOINTS_SHOWN, untested.size()))) {
        endpoint(out, e.endpoint(), e.method(), e.path(), e.kind(), e.groupVersion());
        tests(out, "hit by e2e tests (not conformance)", e.otherTests());
      }
      more(out, untested.size());
    }
    line(out, "%s", g.errorOnlyLine());
    List<GateEndpoint> errorOnly = g.errorOnly();
    for (GateEndpoint e : errorOnly.subList(0, Math.min(ENDPOINTS_SHOWN, errorOnly.size()))) {
      endpoint(out, e.endpoint(), e.method(), e.path(), e.kind(), e.groupVersion());
      tests(out, "conformance tests answered only with errors", e.conformanceTests());
    }
    more(out, errorOnly.size());
    if (g.minBuilds() > 1) {
      line(
          out,
          "conformance-tested, but in fewer than %d stored builds (failing for that only): %d",
          g.minBuilds(),
          g.fewBuilds().size());
      for (FewBuilds f : g.fewBuilds()) {
        line(out, "  %s  in %d of %d builds", f.endpoint(), f.hitIn(), f.builds());
      }
    }
    if (!g.pending().isEmpty()) {
      line(out, "PENDING (untested, on the pending list: not failing):");
      List<GateEndpoint> pending = g.pending();
      for (GateEndpoint e : pending.subList(0, Math.min(ENDPOINTS_SHOWN, pending.size()))) {
        endpoint(out, e.endpoint(), e.method(), e.path(), e.kind(), e.groupVersion());
      }
      more(out, pending.size());
    }
    if (g.previousRelease() != null) {
      line(
          out,
          "regressions since %s: %d%s",
          g.previousRelease(),
          g.regressions().size(),
          g.regressionsFail() ? " (failing, as asked)" : " (reported; they fail only when asked)");
      List<Regression> regressions = g.regressions();
      for (Regression x : regressions.subList(0, Math.min(ENDPOINTS_SHOWN, regressions.size()))) {
        endpoint(out, x.endpoint(), x.method(), x.path(), x.kind(), x.groupVersion());
        tests(out, "conformance-tested in " + g.previousRelease() + " by", x.previousTests());
      }
      more(out, regressions.size());
    }
    if (!g.problems().isEmpty()) {
      line(out, "CANNOT DECIDE: missing or stale inputs:");
      for (String p : g.problems()) {
        line(out, "  - %s", p);
      }
    }
    line(out, "%s", g.headline());
    return out.toString();
  }

  private static String flag(String problem) {
    if (problem.contains(" is stale")) {
      return "STALE";
    }
    return problem.endsWith(" 0 events") ? "EMPTY" : "NOTHING MATCHED";
  }

  private static void endpoint(
      StringBuilder out, String endpoint, String method, String path, String kind, String gv) {
    line(out, "  %-52s %s %s  (%s%s)", endpoint, method, path, kind == null ? "" : kind + ", ", gv);
  }

  private static void more(StringBuilder out, int listed) {
    if (listed > ENDPOINTS_SHOWN) {
      line(
          out,
          "  and %d more (all of them in the JSON, JUnit and Markdown reports)",
          listed - ENDPOINTS_SHOWN);
    }
  }

  private static void tests(StringBuilder out, String label, List<String> tests) {
    if (tests.isEmpty()) {
      return;
    }
    line(out, "      %s:", label);
    tests.stream().limit(TESTS_SHOWN).forEach(t -> line(out, "        %s", t));
    if (tests.size() > TESTS_SHOWN) {
      line(out, "        and %d more", tests.size() - TESTS_SHOWN);
    }
  }

  private static void line(StringBuilder out, String format, Object... args) {
    out.append(String.format(Locale.ROOT, format, args)).append('\n');
  }
}
