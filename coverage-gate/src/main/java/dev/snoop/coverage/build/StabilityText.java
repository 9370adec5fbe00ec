package dev.snoop.coverage.build;

import dev.snoop.coverage.build.FisherComparison.EndpointChange;
import java.util.Locale;

/** Stability and comparisons of sets of builds for the terminal. */
public final class StabilityText {
  private StabilityText() {}

  public static String of(Stability stability) {
    StringBuilder out = new StringBuilder();
    int builds = stability.builds().size();
    out.append(stability.set().describe())
        .append(": ")
        .append(builds)
        .append(" build")
        .append(builds == 1 ? "" : "s")
        .append('\n');
    out.append("conformance-tested in every build: ")
        .append(stability.stable())
        .append(" endpoints\n");
    out.append("unstable coverage (conformance-tested in some builds, not all): ")
        .append(stability.unstable().size())
        .append(" endpoints\n");
    for (EndpointBuilds e : stability.unstable()) {
      out.append("  ")
          .append(e.hitIn())
          .append('/')
          .append(builds)
          .append("  ")
          .append(e.endpoint())
          .append('\n');
      e.tests().forEach(t -> out.append("        ").append(t).append('\n'));
    }
    return out.toString();
  }

  public static String of(FisherComparison comparison) {
    StringBuilder out = new StringBuilder();
    out.append("base: ")
        .append(comparison.base().describe())
        .append(" (")
        .append(comparison.baseBuilds())
        .append(" builds)\n");
    out.append("head: ")
        .append(comparison.head().describe())
        .append(" (")
        .append(comparison.headBuilds())
        .append(" builds)\n");
    out.append(
        String.format(
            Locale.ROOT,
            "coverage regressions at %s%% confidence (Fisher's exact test, one-sided): %d%n",
            percent(comparison.confidence()),
            comparison.regressions().size()));
    for (EndpointChange e : comparison.regressions()) {
      out.append(
          String.format(
              Locale.ROOT,
              "  %s  %d/%d -> %d/%d builds  p=%.4g%n",
              e.endpoint(),
              e.baseHits(),
              comparison.baseBuilds(),
              e.headHits(),
              comparison.headBuilds(),
              e.pValue()));
      e.tests().forEach(t -> out.append("        ").append(t).append('\n'));
    }
    return out.toString();
  }

  private static String percent(double confidence) {
    return java.math.BigDecimal.valueOf(confidence * 100).stripTrailingZeros().toPlainString();
  }
}
