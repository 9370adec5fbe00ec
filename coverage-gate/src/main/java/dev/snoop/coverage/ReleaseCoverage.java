package dev.snoop.coverage;

import java.util.List;
import java.util.Objects;

/**
 * How well a release's operations are covered by the tests of its current audit runs.
 *
 * <p>"Tested" and "conformance-tested" in the counts are APISnoop's sunburst flags: hit by an
 * e2e.test user agent, and by a user agent carrying [Conformance]. New endpoints are judged as the
 * gate judges them: by the codenames of conformance.yaml.
 *
 * @param levelRule the level rule the release's spec was loaded with (exact or apisnoop)
 * @param previousRelease the highest release loaded before this one, null when none is: then every
 *     endpoint counts as new
 * @param all non-deprecated operations at every level
 * @param stable non-deprecated stable operations
 * @param eligible stable operations eligible for conformance (judged by the latest spec)
 * @param newEndpoints eligible operations first seen in this release
 * @param newEndpointsAllLevels operations of any level first seen in this release
 * @param untestedEligible eligible operations no [Conformance] agent hit in this release
 * @param renamedTests conformance tests seen under a codename the newest conformance.yaml lacks
 */
public record ReleaseCoverage(
    String release,
    String levelRule,
    String previousRelease,
    List<RunSource> sources,
    Count all,
    Count stable,
    Count eligible,
    List<CategoryCount> categories,
    List<NewEndpoint> newEndpoints,
    int newEndpointsAllLevels,
    List<UntestedEndpoint> untestedEligible,
    List<RenamedTest> renamedTests) {

  public ReleaseCoverage {
    Objects.requireNonNull(release, "release");
    sources = List.copyOf(sources);
    categories = List.copyOf(categories);
    newEndpoints = List.copyOf(newEndpoints);
    untestedEligible = List.copyOf(untestedEligible);
    renamedTests = List.copyOf(renamedTests);
  }

  /** Operations, and how many of them were tested and conformance-tested. */
  public record Count(int endpoints, int tested, int conformanceTested) {
    public double testedPercent() {
      return percent(tested);
    }

    public double conformanceTestedPercent() {
      return percent(conformanceTested);
    }

    private double percent(int n) {
      return endpoints == 0 ? 0 : 100.0 * n / endpoints;
    }
  }

  /** The counts of one category (first tag of the spec). */
  public record CategoryCount(String category, Count all, Count stable) {}

  /** A current audit run of the release. */
  public record RunSource(String source, long events, long requests, long matched) {}

  /**
   * An eligible operation first seen in the release.
   *
   * @param tested hit by a conformance test (by codename)
   * @param pending on the pending list: given a grace period
   * @param otherTests e2e tests that hit it but are not conformance tests
   */
  public record NewEndpoint(
      String endpoint,
      String path,
      String kind,
      String group,
      String version,
      boolean tested,
      boolean pending,
      List<String> conformanceTests,
      List<String> otherTests) {
    public NewEndpoint {
      conformanceTests = List.copyOf(conformanceTests);
      otherTests = List.copyOf(otherTests);
    }
  }

  /**
   * An eligible operation without a conformance-test hit.
   *
   * @param tested hit by some other e2e test
   */
  public record UntestedEndpoint(String endpoint, String category, String path, boolean tested) {}

  /** A conformance test seen under a codename the newest conformance.yaml no longer has. */
  public record RenamedTest(String codename, String newestCodename, long endpoints) {}
}
