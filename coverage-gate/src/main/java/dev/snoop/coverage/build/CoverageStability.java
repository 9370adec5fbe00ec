package dev.snoop.coverage.build;

import dev.snoop.coverage.build.FisherComparison.EndpointChange;
import dev.snoop.db.input.InvalidValueException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.apache.commons.statistics.inference.AlternativeHypothesis;
import org.apache.commons.statistics.inference.FisherExactTest;
import org.jooq.DSLContext;

/**
 * Conformance coverage across a job's stored builds: one build is a sample, and a hit in 3 of 10
 * builds is fragile coverage. Between two sets of builds, Fisher's exact test tells a real drop in
 * how often an operation is hit from chance, as Sippy's component readiness does for pass rates.
 */
public final class CoverageStability {
  /** A regression is reported at 95% confidence unless asked otherwise. */
  public static final double DEFAULT_CONFIDENCE = 0.95;

  /** One-sided: only a drop from base to head is a regression. */
  private static final FisherExactTest FISHER =
      FisherExactTest.withDefaults().with(AlternativeHypothesis.GREATER_THAN);

  private final BuildStore store;

  public CoverageStability(DSLContext sql) {
    this.store = new BuildStore(sql);
  }

  /**
   * Per operation, in how many of the set's builds a conformance test hit it. The builds are one
   * job's: pooled, an endpoint that only one of two jobs tests would look like flaky coverage.
   *
   * @throws InvalidValueException when the set names no job and the builds are of several
   */
  public Stability stability(BuildSet set) {
    Stability stability = pooled(set);
    List<String> sources = stability.builds().stream().map(Build::name).distinct().toList();
    if (set.job().isEmpty() && sources.size() > 1) {
      throw new InvalidValueException(
          set.release()
              + " has stored builds of "
              + sources.size()
              + " jobs ("
              + String.join(", ", sources)
              + "); name one as the job: stability is measured over one job's builds");
    }
    return stability;
  }

  /**
   * Per operation, in how many of the set's builds of any job a conformance test hit it: the count
   * the gate's --min-builds asks for.
   */
  public Stability pooled(BuildSet set) {
    List<Build> builds = store.builds(set);
    return new Stability(set, builds, store.conformanceHits(builds));
  }

  /**
   * Per operation hit in either set, Fisher's exact test on [[base hit, base not hit], [head hit,
   * head not hit]], one-sided for a lower hit rate in the head.
   *
   * @throws InvalidValueException when either set has no stored build, or the confidence is not
   *     between 0 and 1
   */
  public FisherComparison compare(BuildSet base, BuildSet head, double confidence) {
    if (!(confidence > 0 && confidence < 1)) {
      throw new InvalidValueException(
          "the confidence must be between 0 and 1 (e.g. 0.95), not " + confidence);
    }
    Stability before = requireBuilds(stability(base));
    Stability after = requireBuilds(stability(head));
    Map<String, EndpointBuilds> baseHits = byEndpoint(before);
    Map<String, EndpointBuilds> headHits = byEndpoint(after);
    Map<String, Boolean> endpoints = new TreeMap<>();
    baseHits.keySet().forEach(e -> endpoints.put(e, true));
    headHits.keySet().forEach(e -> endpoints.put(e, true));
    int n = before.builds().size();
    int m = after.builds().size();
    List<EndpointChange> changes = new ArrayList<>();
    for (String endpoint : endpoints.keySet()) {
      EndpointBuilds b = baseHits.get(endpoint);
      EndpointBuilds h = headHits.get(endpoint);
      int x = b == null ? 0 : b.hitIn();
      int y = h == null ? 0 : h.hitIn();
      double p = pValue(x, n, y, m);
      changes.add(
          new EndpointChange(
              endpoint, x, y, p, p < 1 - confidence, b == null ? List.of() : b.tests()));
    }
    return new FisherComparison(base, n, head, m, confidence, changes);
  }

  /**
   * The one-sided p-value that {@code baseHits} of {@code baseBuilds} against {@code headHits} of
   * {@code headBuilds} shows a drop.
   */
  static double pValue(int baseHits, int baseBuilds, int headHits, int headBuilds) {
    return FISHER
        .test(
            new int[][] {
              {baseHits, baseBuilds - baseHits},
              {headHits, headBuilds - headHits}
            })
        .getPValue();
  }

  private static Stability requireBuilds(Stability stability) {
    if (stability.builds().isEmpty()) {
      throw new InvalidValueException(
          "no stored builds for " + stability.set().describe() + " (snoop ingest prow --builds N)");
    }
    return stability;
  }

  private static Map<String, EndpointBuilds> byEndpoint(Stability stability) {
    return stability.endpoints().stream()
        .collect(Collectors.toMap(EndpointBuilds::endpoint, Function.identity()));
  }
}
