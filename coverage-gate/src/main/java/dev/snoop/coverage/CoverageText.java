package dev.snoop.coverage;

import dev.snoop.coverage.ReleaseCoverage.CategoryCount;
import dev.snoop.coverage.ReleaseCoverage.Count;
import dev.snoop.coverage.ReleaseCoverage.NewEndpoint;
import dev.snoop.coverage.ReleaseCoverage.RenamedTest;
import dev.snoop.coverage.ReleaseCoverage.RunSource;
import dev.snoop.coverage.ReleaseCoverage.UntestedEndpoint;
import dev.snoop.coverage.outcome.OutcomeText;
import dev.snoop.coverage.sig.SigText;
import java.util.Locale;

/** A release's coverage as text for a terminal. */
public final class CoverageText {
  private CoverageText() {}

  /** The report: APISnoop's counts, then outcomes and parameters, then coverage by SIG. */
  public static String of(CoverageReport report) {
    return of(report.coverage())
        + "\n"
        + OutcomeText.of(report.errorOnly(), report.parameters())
        + SigText.of(report.sigs());
  }

  public static String of(ReleaseCoverage c) {
    StringBuilder out = new StringBuilder();
    line(out, "release %s (levels by the %s rule)", c.release(), c.levelRule());
    if (c.sources().isEmpty()) {
      line(out, "no audit run ingested for %s: nothing is tested", c.release());
    } else {
      line(out, "audit runs: %d", c.sources().size());
      for (RunSource s : c.sources()) {
        line(
            out,
            "  %s: %,d events, %,d requests, %,d matched",
            s.source(),
            s.events(),
            s.requests(),
            s.matched());
      }
    }
    line(out, "");
    line(out, "%-12s %9s  %-16s %s", "", "endpoints", "tested", "conformance-tested");
    count(out, "all levels", c.all());
    count(out, "stable", c.stable());
    count(out, "eligible", c.eligible());
    line(
        out,
        "(tested: hit by an e2e.test agent; conformance-tested: by an agent with [Conformance])");

    line(out, "");
    line(out, "by category (all levels | stable):");
    line(
        out,
        "  %-28s %5s %6s %5s | %5s %6s %5s",
        "category",
        "all",
        "tested",
        "conf",
        "stbl",
        "tested",
        "conf");
    for (CategoryCount k : c.categories()) {
      line(
          out,
          "  %-28s %5d %6d %5d | %5d %6d %5d",
          k.category(),
          k.all().endpoints(),
          k.all().tested(),
          k.all().conformanceTested(),
          k.stable().endpoints(),
          k.stable().tested(),
          k.stable().conformanceTested());
    }

    line(out, "");
    newEndpoints(out, c);

    line(out, "");
    line(out, "eligible endpoints without a conformance-test hit: %d", c.untestedEligible().size());
    for (UntestedEndpoint u : c.untestedEligible()) {
      line(
          out,
          "  %-55s %s%s",
          u.endpoint(),
          u.path(),
          u.tested() ? "  (hit by other e2e tests)" : "");
    }

    if (!c.renamedTests().isEmpty()) {
      line(out, "");
      line(
          out,
          "conformance tests seen under a codename the newest conformance.yaml lacks"
              + " (renamed or dropped; counted here, APISnoop would drop them): %d",
          c.renamedTests().size());
      for (RenamedTest t : c.renamedTests()) {
        line(
            out,
            "  %s (%d endpoints) -> %s",
            t.codename(),
            t.endpoints(),
            t.newestCodename() == null ? "no longer listed" : t.newestCodename());
      }
    }
    return out.toString();
  }

  /**
   * A few lines for the end of {@code snoop up}: the runs, the counts, the new endpoints and how
   * many eligible endpoints no conformance test hits; {@link #of} has the lists.
   */
  public static String summary(ReleaseCoverage c) {
    StringBuilder out = new StringBuilder();
    long events = c.sources().stream().mapToLong(RunSource::events).sum();
    line(
        out,
        "coverage of %s by %d audit run%s (%,d events):",
        c.release(),
        c.sources().size(),
        c.sources().size() == 1 ? "" : "s",
        events);
    line(out, "  %-12s %9s  %-16s %s", "", "endpoints", "tested", "conformance-tested");
    out.append("  ");
    count(out, "all levels", c.all());
    out.append("  ");
    count(out, "stable", c.stable());
    out.append("  ");
    count(out, "eligible", c.eligible());
    long tested = c.newEndpoints().stream().filter(NewEndpoint::tested).count();
    long pending = c.newEndpoints().stream().filter(n -> !n.tested() && n.pending()).count();
    line(
        out,
        "  new in %s%s: %d eligible, %d conformance-tested, %d pending",
        c.release(),
        c.previousRelease() == null
            ? " (no earlier release loaded: all)"
            : " since " + c.previousRelease(),
        c.newEndpoints().size(),
        tested,
        pending);
    line(
        out,
        "  eligible endpoints without a conformance-test hit: %d",
        c.untestedEligible().size());
    return out.toString();
  }

  private static void newEndpoints(StringBuilder out, ReleaseCoverage c) {
    long tested = c.newEndpoints().stream().filter(NewEndpoint::tested).count();
    if (c.previousRelease() == null) {
      line(
          out,
          "new in %s: no earlier release loaded, so all %d endpoints count as new; %d eligible,"
              + " %d conformance-tested",
          c.release(),
          c.newEndpointsAllLevels(),
          c.newEndpoints().size(),
          tested);
    } else {
      line(
          out,
          "new in %s (since %s): %d endpoints at all levels; %d eligible, %d conformance-tested",
          c.release(),
          c.previousRelease(),
          c.newEndpointsAllLevels(),
          c.newEndpoints().size(),
          tested);
    }
    for (NewEndpoint n : c.newEndpoints()) {
      line(
          out,
          "  %-11s %-55s %s%s",
          n.tested() ? "tested" : n.pending() ? "PENDING" : "UNTESTED",
          n.endpoint(),
          n.path(),
          !n.tested() && !n.otherTests().isEmpty()
              ? "  (hit by " + n.otherTests().size() + " other e2e tests)"
              : "");
    }
  }

  private static void count(StringBuilder out, String label, Count n) {
    line(
        out,
        "%-12s %9d  %-16s %s",
        label,
        n.endpoints(),
        String.format(Locale.ROOT, "%d (%.1f%%)", n.tested(), n.testedPercent()),
        String.format(
            Locale.ROOT, "%d (%.1f%%)", n.conformanceTested(), n.conformanceTestedPercent()));
  }

  private static void line(StringBuilder out, String format, Object... args) {
    out.append(String.format(Locale.ROOT, format, args)).append('\n');
  }
}
