package dev.snoop.coverage.export;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import java.util.List;

/**
 * The records of APISnoop's published coverage files ({@code resources/coverage/} in
 * kubernetes-sigs/apisnoop), with its key names. Nulls are written, as APISnoop writes them.
 */
final class ApisnoopFormat {
  private ApisnoopFormat() {}

  /** {@code <release>.json}. {@code level_rule} is snoop's addition. */
  @JsonPropertyOrder({
    "release",
    "release_date",
    "spec",
    "level_rule",
    "total endpoints",
    "tested endpoints",
    "total conformance eligible endpoints",
    "tested conformance eligible endpoints",
    "new conformance eligible endpoints",
    "new tested conformance eligible endpoints",
    "sources",
    "endpoints",
    "tests"
  })
  @JsonInclude(JsonInclude.Include.ALWAYS)
  record ReleaseFile(
      String release,
      @JsonProperty("release_date") String releaseDate,
      String spec,
      @JsonProperty("level_rule") String levelRule,
      @JsonProperty("total endpoints") long totalEndpoints,
      @JsonProperty("tested endpoints") long testedEndpoints,
      @JsonProperty("total conformance eligible endpoints") Long totalEligible,
      @JsonProperty("tested conformance eligible endpoints") Long testedEligible,
      @JsonProperty("new conformance eligible endpoints") Long newEligible,
      @JsonProperty("new tested conformance eligible endpoints") Long newTestedEligible,
      List<String> sources,
      List<Endpoint> endpoints,
      List<Test> tests) {}

  /**
   * A row of endpoint_coverage. {@code k8s_group}, {@code k8s_version} and {@code k8s_kind} repeat
   * {@code group}, {@code version} and {@code kind} under the names APISnoop's web app reads.
   */
  @JsonPropertyOrder({
    "endpoint",
    "release",
    "level",
    "category",
    "path",
    "description",
    "kind",
    "version",
    "group",
    "action",
    "tested",
    "conf_tested",
    "tests",
    "k8s_group",
    "k8s_version",
    "k8s_kind"
  })
  record Endpoint(
      String endpoint,
      String release,
      String level,
      String category,
      String path,
      String description,
      String kind,
      String version,
      String group,
      String action,
      boolean tested,
      @JsonProperty("conf_tested") boolean confTested,
      List<String> tests,
      @JsonProperty("k8s_kind") String k8sKind,
      @JsonProperty("k8s_version") String k8sVersion,
      @JsonProperty("k8s_group") String k8sGroup) {}

  /** A row of audit_event_test. */
  @JsonPropertyOrder({
    "release",
    "test",
    "conformance_test",
    "testname",
    "file",
    "promotion_release"
  })
  record Test(
      String release,
      String test,
      @JsonProperty("conformance_test") boolean conformanceTest,
      String testname,
      String file,
      @JsonProperty("promotion_release") String promotionRelease) {}

  /** A row of {@code conformance-progress.json}. */
  @JsonPropertyOrder({"release", "total"})
  record Progress(String release, ProgressTotal total) {}

  /** The counts of a {@code conformance-progress.json} row. */
  @JsonPropertyOrder({
    "endpoints",
    "tested",
    "new",
    "new_with_tests",
    "old_tested",
    "new_tested",
    "still_untested"
  })
  record ProgressTotal(
      long endpoints,
      long tested,
      @JsonProperty("new") long newEndpoints,
      @JsonProperty("new_with_tests") long newWithTests,
      @JsonProperty("old_tested") long oldTested,
      @JsonProperty("new_tested") long newTested,
      @JsonProperty("still_untested") long stillUntested) {}

  /** A row of {@code conformance-coverage-per-release.json}. */
  @JsonPropertyOrder({
    "release",
    "new endpoints",
    "tested",
    "untested",
    "total tested",
    "total untested",
    "total endpoints"
  })
  record ReleaseCounts(
      String release,
      @JsonProperty("new endpoints") long newEndpoints,
      long tested,
      long untested,
      @JsonProperty("total tested") long totalTested,
      @JsonProperty("total untested") long totalUntested,
      @JsonProperty("total endpoints") long totalEndpoints) {}

  /**
   * A row of {@code conformance-endpoints.json}. An untested endpoint has {@code tests: [null]}, as
   * APISnoop's query gives it.
   */
  @JsonPropertyOrder({"endpoint", "promotion_release", "tested_release", "tests"})
  record ConformanceEndpoint(
      String endpoint,
      @JsonProperty("promotion_release") String promotionRelease,
      @JsonProperty("tested_release") String testedRelease,
      List<ConformanceTest> tests) {}

  /** A test of a {@code conformance-endpoints.json} row. */
  @JsonPropertyOrder({"testname", "codename", "file", "release"})
  record ConformanceTest(String testname, String codename, String file, String release) {}

  /** A row of {@code ineligible_endpoints.json}. */
  @JsonPropertyOrder({"endpoint", "reason", "link"})
  record Ineligible(String endpoint, String reason, String link) {}

  /** A row of {@code new-endpoints.json}: the operations first seen in a release. */
  @JsonPropertyOrder({"release", "endpoints"})
  record NewEndpoints(String release, List<String> endpoints) {}

  /** A row of {@code releases.yaml}; the working release's date is "". */
  @JsonPropertyOrder({"release_date", "version"})
  record CatalogueEntry(String version, @JsonProperty("release_date") String releaseDate) {}
}
