package dev.snoop.coverage.build;

import java.util.List;

/**
 * Coverage between two sets of builds, per operation, by Fisher's exact test on the 2x2 table of
 * builds with and without a conformance hit in the base and head sets.
 *
 * @param confidence the confidence a regression is reported at (0.95: p below 0.05)
 * @param endpoints every operation a conformance test hit in a build of either set
 */
public record FisherComparison(
    BuildSet base,
    int baseBuilds,
    BuildSet head,
    int headBuilds,
    double confidence,
    List<EndpointChange> endpoints) {
  public FisherComparison {
    endpoints = List.copyOf(endpoints);
  }

  /**
   * One operation.
   *
   * @param baseHits base builds with a conformance hit on it
   * @param headHits head builds with a conformance hit on it
   * @param pValue one-sided p-value of "the head's builds hit it less often than the base's"
   * @param regression whether that is significant at the stated confidence
   * @param tests the conformance tests that hit it in the base builds
   */
  public record EndpointChange(
      String endpoint,
      int baseHits,
      int headHits,
      double pValue,
      boolean regression,
      List<String> tests) {
    public EndpointChange {
      tests = List.copyOf(tests);
    }
  }

  /** The significant regressions. */
  public List<EndpointChange> regressions() {
    return endpoints.stream().filter(EndpointChange::regression).toList();
  }
}
