package dev.snoop.coverage.sig;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import java.util.List;

/**
 * A SIG's share of a release's coverage in the current runs.
 *
 * @param sig e.g. sig-apps
 * @param endpoints operations its tests hit
 * @param onlyThisSig of those, the ones no other SIG's tests hit
 * @param conformanceEndpoints operations its conformance tests hit
 * @param onlyThisSigEndpoints the operations only its tests hit, by operationId
 */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record SigCoverage(
    String sig,
    int endpoints,
    int onlyThisSig,
    int conformanceEndpoints,
    List<String> onlyThisSigEndpoints) {
  public SigCoverage {
    onlyThisSigEndpoints = List.copyOf(onlyThisSigEndpoints);
  }
}
