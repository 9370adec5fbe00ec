package dev.snoop.coverage;

import static dev.snoop.db.jooq.conformance.Tables.ELIGIBLE_ENDPOINT;
import static dev.snoop.db.jooq.conformance.Tables.NEW_ENDPOINT;
import static dev.snoop.db.jooq.conformance.Tables.RENAMED_TEST;
import static dev.snoop.db.jooq.public_.Tables.ENDPOINT_COVERAGE;
import static dev.snoop.db.jooq.public_.Tables.OPEN_API;
import static dev.snoop.db.jooq.snoop.Tables.CURRENT_RUN;
import static org.jooq.impl.DSL.field;
import static org.jooq.impl.DSL.select;
import static org.jooq.impl.DSL.selectOne;

import dev.snoop.coverage.ReleaseCoverage.CategoryCount;
import dev.snoop.coverage.ReleaseCoverage.Count;
import dev.snoop.coverage.ReleaseCoverage.NewEndpoint;
import dev.snoop.coverage.ReleaseCoverage.RenamedTest;
import dev.snoop.coverage.ReleaseCoverage.RunSource;
import dev.snoop.coverage.ReleaseCoverage.UntestedEndpoint;
import dev.snoop.db.jooq.public_.tables.OpenApi;
import dev.snoop.db.release.Release;
import dev.snoop.db.spec.NoSpecException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.jooq.DSLContext;

/** Reads a release's coverage from the coverage views (migrations: db/views). */
public final class CoverageStore {
  private final DSLContext sql;

  public CoverageStore(DSLContext sql) {
    this.sql = sql;
  }

  /**
   * The coverage of a release.
   *
   * @throws NoSpecException when no spec is loaded for the release
   */
  public ReleaseCoverage coverage(Release release) {
    String r = release.toString();
    String levelRule = levelRule(release);
    CoverageReleases releases = new CoverageReleases(sql);
    List<String> older =
        releases.withSpec().stream()
            .filter(other -> other.compareTo(release) < 0)
            .map(Release::toString)
            .toList();
    String previous = releases.previous(release).map(Release::toString).orElse(null);

    List<RunSource> sources =
        sql.select(
                CURRENT_RUN.SOURCE,
                CURRENT_RUN.EVENTS_READ,
                CURRENT_RUN.REQUESTS,
                CURRENT_RUN.MATCHED)
            .from(CURRENT_RUN)
            .where(CURRENT_RUN.RELEASE.eq(r))
            .orderBy(CURRENT_RUN.SOURCE)
            .fetch(x -> new RunSource(x.value1(), x.value2(), x.value3(), x.value4()));

    Tally all = new Tally();
    Tally stable = new Tally();
    Tally eligible = new Tally();
    Map<String, Tally[]> categories = new TreeMap<>();
    List<UntestedEndpoint> untested = new ArrayList<>();
    var ec = ENDPOINT_COVERAGE;
    var isEligible =
        field(ec.ENDPOINT.in(select(ELIGIBLE_ENDPOINT.ENDPOINT).from(ELIGIBLE_ENDPOINT)))
            .as("eligible");
    for (var row :
        sql.select(
                ec.ENDPOINT, ec.LEVEL, ec.CATEGORY, ec.PATH, ec.TESTED, ec.CONF_TESTED, isEligible)
            .from(ec)
            .where(ec.RELEASE.eq(r))
            .orderBy(ec.ENDPOINT)) {
      boolean tested = row.value5();
      boolean confTested = row.value6();
      boolean isStable = "stable".equals(row.value2());
      Tally[] category =
          categories.computeIfAbsent(row.value3(), c -> new Tally[] {new Tally(), new Tally()});
      all.add(tested, confTested);
      category[0].add(tested, confTested);
      if (isStable) {
        stable.add(tested, confTested);
        category[1].add(tested, confTested);
      }
      if (row.value7()) {
        eligible.add(tested, confTested);
        if (!confTested) {
          untested.add(new UntestedEndpoint(row.value1(), row.value3(), row.value4(), tested));
        }
      }
    }
    List<CategoryCount> byCategory = new ArrayList<>();
    categories.forEach(
        (name, t) -> byCategory.add(new CategoryCount(name, t[0].count(), t[1].count())));

    List<NewEndpoint> newEndpoints =
        sql.selectFrom(NEW_ENDPOINT)
            .where(NEW_ENDPOINT.RELEASE.eq(r))
            .orderBy(NEW_ENDPOINT.TESTED, NEW_ENDPOINT.ENDPOINT)
            .fetch(
                n ->
                    new NewEndpoint(
                        n.getEndpoint(),
                        n.getPath(),
                        n.getKind(),
                        n.getGroup(),
                        n.getVersion(),
                        n.getTested(),
                        n.getPending(),
                        Arrays.asList(n.getConformanceTests()),
                        Arrays.asList(n.getOtherTests())));

    List<RenamedTest> renamed =
        sql.select(RENAMED_TEST.CODENAME, RENAMED_TEST.NEWEST_CODENAME, RENAMED_TEST.ENDPOINTS)
            .from(RENAMED_TEST)
            .where(RENAMED_TEST.RELEASE.eq(r))
            .orderBy(RENAMED_TEST.CODENAME)
            .fetch(x -> new RenamedTest(x.value1(), x.value2(), x.value3()));

    return new ReleaseCoverage(
        r,
        levelRule,
        previous,
        sources,
        all.count(),
        stable.count(),
        eligible.count(),
        byCategory,
        newEndpoints,
        newEndpointsAllLevels(r, older),
        untested,
        renamed);
  }

  private String levelRule(Release release) {
    List<String> rules =
        sql.selectDistinct(OPEN_API.LEVEL_RULE)
            .from(OPEN_API)
            .where(OPEN_API.RELEASE.eq(release.toString()))
            .fetch(OPEN_API.LEVEL_RULE);
    if (rules.isEmpty()) {
      throw new NoSpecException(release);
    }
    return String.join(",", rules);
  }

  /** Operations of the release that no older release loaded has. */
  private int newEndpointsAllLevels(String release, List<String> older) {
    OpenApi earlier = OPEN_API.as("earlier");
    return sql.fetchCount(
        sql.selectFrom(OPEN_API)
            .where(OPEN_API.RELEASE.eq(release))
            .and(OPEN_API.DEPRECATED.isFalse())
            .andNotExists(
                selectOne()
                    .from(earlier)
                    .where(earlier.ENDPOINT.eq(OPEN_API.ENDPOINT))
                    .and(earlier.RELEASE.in(older))));
  }

  private static final class Tally {
    int endpoints;
    int tested;
    int conformanceTested;

    void add(boolean isTested, boolean isConformanceTested) {
      endpoints++;
      tested += isTested ? 1 : 0;
      conformanceTested += isConformanceTested ? 1 : 0;
    }

    Count count() {
      return new Count(endpoints, tested, conformanceTested);
    }
  }
}
