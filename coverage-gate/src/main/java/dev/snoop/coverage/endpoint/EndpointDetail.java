package dev.snoop.coverage.endpoint;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonUnwrapped;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import java.util.List;

/**
 * One endpoint with the tests that hit it and its hits in each current audit run of the release.
 *
 * @param tests named e2e tests that hit it, by name
 * @param runs every current run of the release, with how often it hit the endpoint (0 included)
 */
public record EndpointDetail(
    @JsonUnwrapped Endpoint endpoint, List<TestHits> tests, List<RunHits> runs) {
  public EndpointDetail {
    tests = List.copyOf(tests);
    runs = List.copyOf(runs);
  }

  /**
   * A test that hit the endpoint.
   *
   * @param conformance a conformance test of the release's conformance.yaml or the newest one
   */
  public record TestHits(String test, boolean conformance, long hits) {}

  /** A current audit run of the release and its requests to the endpoint. */
  @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
  public record RunHits(
      long runId,
      String source,
      String job,
      @JsonProperty("build") String buildId,
      String runDate,
      long hits) {}
}
