package dev.snoop.coverage.outcome;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import dev.snoop.db.release.Release;
import java.util.Arrays;
import java.util.List;
import org.jooq.DSLContext;
import org.jooq.Record;

/**
 * Reads outcome and parameter coverage from its views (conformance.error_only_endpoint, ...). JSON
 * names are the views' columns ({@code hits_4xx}: snake case alone would give {@code hits4xx}).
 */
public final class OutcomeStore {
  private final DSLContext sql;

  public OutcomeStore(DSLContext sql) {
    this.sql = sql;
  }

  /**
   * An operation conformance tests reach only with errors.
   *
   * @param tests the conformance tests that hit it
   */
  @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
  public record ErrorOnlyEndpoint(
      String endpoint,
      String method,
      String path,
      String level,
      boolean eligible,
      List<String> tests,
      long hits,
      @JsonProperty("hits_3xx") long hits3xx,
      @JsonProperty("hits_4xx") long hits4xx,
      @JsonProperty("hits_5xx") long hits5xx) {
    public ErrorOnlyEndpoint {
      tests = List.copyOf(tests);
    }
  }

  /**
   * What one test (null: agents other than e2e.test; "": e2e.test outside a test) got from an
   * operation.
   */
  @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
  public record TestOutcome(
      String test,
      boolean conformance,
      long hits,
      @JsonProperty("hits_1xx") long hits1xx,
      @JsonProperty("hits_2xx") long hits2xx,
      @JsonProperty("hits_3xx") long hits3xx,
      @JsonProperty("hits_4xx") long hits4xx,
      @JsonProperty("hits_5xx") long hits5xx,
      boolean success) {}

  /** A query parameter of an operation, and who sent it. */
  @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
  public record ParameterUse(
      String parameter,
      boolean required,
      boolean conformanceUsed,
      long conformanceHits,
      List<String> conformanceTests,
      boolean testedUsed,
      long hits) {
    public ParameterUse {
      conformanceTests = List.copyOf(conformanceTests);
    }
  }

  /**
   * One query parameter name over a release's eligible endpoints.
   *
   * @param endpoints eligible endpoints whose spec declares it
   * @param conformanceUsed of those, the ones on which a conformance test sent it
   */
  @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
  public record ParameterTotal(String parameter, int endpoints, int conformanceUsed) {}

  /** The release's operations conformance tests reach only with errors, eligible ones first. */
  public List<ErrorOnlyEndpoint> errorOnly(Release release) {
    return sql.resultQuery(
            "select endpoint, http_method, path, level, eligible, tests, hits, hits_3xx,"
                + " hits_4xx, hits_5xx from conformance.error_only_endpoint where release = ?"
                + " order by eligible desc, endpoint",
            release.toString())
        .fetch(
            r ->
                new ErrorOnlyEndpoint(
                    r.get("endpoint", String.class),
                    r.get("http_method", String.class),
                    r.get("path", String.class),
                    r.get("level", String.class),
                    r.get("eligible", Boolean.class),
                    strings(r, "tests"),
                    r.get("hits", Long.class),
                    r.get("hits_3xx", Long.class),
                    r.get("hits_4xx", Long.class),
                    r.get("hits_5xx", Long.class)));
  }

  /** Per test, what an operation answered it in the release's current runs. */
  public List<TestOutcome> testOutcomes(Release release, String endpoint) {
    return sql.resultQuery(
            "select t.test, t.hits, t.hits_1xx, t.hits_2xx, t.hits_3xx, t.hits_4xx, t.hits_5xx,"
                + " t.success, exists (select 1 from snoop.conformance_codename c"
                + " where c.release = t.release and c.codename = t.test) as conformance"
                + " from snoop.release_endpoint_test_outcome t"
                + " where t.release = ?::semver and t.endpoint = ?"
                + " order by conformance desc, t.test nulls last",
            release.toString(),
            endpoint)
        .fetch(
            r ->
                new TestOutcome(
                    r.get("test", String.class),
                    r.get("conformance", Boolean.class),
                    r.get("hits", Long.class),
                    r.get("hits_1xx", Long.class),
                    r.get("hits_2xx", Long.class),
                    r.get("hits_3xx", Long.class),
                    r.get("hits_4xx", Long.class),
                    r.get("hits_5xx", Long.class),
                    r.get("success", Boolean.class)));
  }

  /** An operation's query parameters (from its spec) and whether tests sent them. */
  public List<ParameterUse> parameters(Release release, String endpoint) {
    return sql.resultQuery(
            "select parameter, required, conformance_used, conformance_hits, conformance_tests,"
                + " tested_used, hits from conformance.parameter_coverage"
                + " where release = ? and endpoint = ? order by parameter",
            release.toString(),
            endpoint)
        .fetch(
            r ->
                new ParameterUse(
                    r.get("parameter", String.class),
                    r.get("required", Boolean.class),
                    r.get("conformance_used", Boolean.class),
                    r.get("conformance_hits", Long.class),
                    strings(r, "conformance_tests"),
                    r.get("tested_used", Boolean.class),
                    r.get("hits", Long.class)));
  }

  /** Per query parameter name, on how many eligible endpoints conformance tests send it. */
  public List<ParameterTotal> parameterTotals(Release release) {
    return sql.resultQuery(
            "select p.parameter, count(*) as endpoints,"
                + " count(*) filter (where p.conformance_used) as used"
                + " from conformance.parameter_coverage p"
                + " join snoop.eligible_operation e"
                + " on e.release = p.release and e.endpoint = p.endpoint"
                + " where p.release = ? group by p.parameter"
                + " order by count(*) desc, p.parameter",
            release.toString())
        .fetch(
            r ->
                new ParameterTotal(
                    r.get("parameter", String.class),
                    r.get("endpoints", Integer.class),
                    r.get("used", Integer.class)));
  }

  private static List<String> strings(Record r, String field) {
    String[] values = r.get(field, String[].class);
    return values == null ? List.of() : Arrays.asList(values);
  }
}
