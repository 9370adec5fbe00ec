package dev.snoop.coverage.outcome;

import dev.snoop.coverage.outcome.OutcomeStore.ErrorOnlyEndpoint;
import dev.snoop.coverage.outcome.OutcomeStore.ParameterTotal;
import java.util.List;
import java.util.Locale;

/** The outcome and parameter part of {@code snoop coverage}'s text. */
public final class OutcomeText {
  private static final int SHOWN = 25;

  private OutcomeText() {}

  public static String of(List<ErrorOnlyEndpoint> errorOnly, List<ParameterTotal> parameters) {
    StringBuilder out = new StringBuilder();
    long eligible = errorOnly.stream().filter(ErrorOnlyEndpoint::eligible).count();
    line(
        out,
        "endpoints conformance tests reach only with errors (no request succeeded): %d (%d"
            + " eligible)",
        errorOnly.size(),
        eligible);
    for (ErrorOnlyEndpoint e : errorOnly.subList(0, Math.min(SHOWN, errorOnly.size()))) {
      line(
          out,
          "  %s%s  %s %s  4xx %,d, 5xx %,d of %,d requests, %d test%s",
          e.endpoint(),
          e.eligible() ? "" : " (not eligible)",
          e.method(),
          e.path(),
          e.hits4xx(),
          e.hits5xx(),
          e.hits(),
          e.tests().size(),
          e.tests().size() == 1 ? "" : "s");
    }
    if (errorOnly.size() > SHOWN) {
      line(out, "  ... and %d more (conformance.error_only_endpoint)", errorOnly.size() - SHOWN);
    }
    int declared = parameters.stream().mapToInt(ParameterTotal::endpoints).sum();
    int used = parameters.stream().mapToInt(ParameterTotal::conformanceUsed).sum();
    line(out, "");
    line(
        out,
        "query parameters of eligible endpoints: %,d (endpoint, parameter) pairs in the spec,"
            + " %,d sent by conformance tests (%.1f%%), %,d never",
        declared,
        used,
        declared == 0 ? 0.0 : 100.0 * used / declared,
        declared - used);
    for (ParameterTotal p : parameters) {
      line(
          out,
          "  %-28s on %4d endpoints, conformance tests send it on %4d",
          p.parameter(),
          p.endpoints(),
          p.conformanceUsed());
    }
    return out.toString();
  }

  private static void line(StringBuilder out, String format, Object... args) {
    out.append(String.format(Locale.ROOT, format, args)).append('\n');
  }
}
