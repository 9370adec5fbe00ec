package dev.snoop.coverage;

import com.fasterxml.jackson.annotation.JsonUnwrapped;
import dev.snoop.coverage.outcome.OutcomeStore;
import dev.snoop.coverage.outcome.OutcomeStore.ErrorOnlyEndpoint;
import dev.snoop.coverage.outcome.OutcomeStore.ParameterTotal;
import dev.snoop.coverage.sig.SigCoverage;
import dev.snoop.coverage.sig.SigStore;
import dev.snoop.db.release.Release;
import java.util.List;
import org.jooq.DSLContext;

/**
 * What {@code snoop coverage} and {@code /api/releases/{r}/coverage} give: APISnoop's counts (the
 * fields of {@link ReleaseCoverage}, at the top of the JSON as before) and what snoop adds.
 *
 * @param errorOnly operations conformance tests reach only with errors, eligible ones first
 * @param parameters per query parameter name, its use by conformance tests on eligible operations
 * @param sigs coverage by SIG, most endpoints first
 */
public record CoverageReport(
    @JsonUnwrapped ReleaseCoverage coverage,
    List<ErrorOnlyEndpoint> errorOnly,
    List<ParameterTotal> parameters,
    List<SigCoverage> sigs) {

  public CoverageReport {
    errorOnly = List.copyOf(errorOnly);
    parameters = List.copyOf(parameters);
    sigs = List.copyOf(sigs);
  }

  /** The release's report from the coverage views. */
  public static CoverageReport read(DSLContext sql, Release release) {
    OutcomeStore outcomes = new OutcomeStore(sql);
    return new CoverageReport(
        new CoverageStore(sql).coverage(release),
        outcomes.errorOnly(release),
        outcomes.parameterTotals(release),
        new SigStore(sql).coverage(release));
  }
}
