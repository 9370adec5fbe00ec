package dev.snoop.coverage.export;

import static dev.snoop.db.jooq.conformance.Tables.COVERAGE_PER_RELEASE;
import static dev.snoop.db.jooq.conformance.Tables.ELIGIBLE_ENDPOINT_COVERAGE;
import static dev.snoop.db.jooq.conformance.Tables.INELIGIBLE_ENDPOINT;
import static dev.snoop.db.jooq.conformance.Tables.PENDING_ELIGIBLE_ENDPOINT;
import static dev.snoop.db.jooq.conformance.Tables.PROGRESS;
import static dev.snoop.db.jooq.public_.Tables.AUDIT_EVENT_TEST;
import static dev.snoop.db.jooq.public_.Tables.ENDPOINT_COVERAGE;
import static dev.snoop.db.jooq.public_.Tables.OPEN_API;
import static dev.snoop.db.jooq.snoop.Tables.CONFORMANCE_HIT;
import static dev.snoop.db.jooq.snoop.Tables.CURRENT_RUN;
import static dev.snoop.db.jooq.snoop.Tables.RELEASE;
import static org.jooq.impl.DSL.field;
import static org.jooq.impl.DSL.selectOne;

import dev.snoop.coverage.export.ApisnoopFormat.CatalogueEntry;
import dev.snoop.coverage.export.ApisnoopFormat.ConformanceEndpoint;
import dev.snoop.coverage.export.ApisnoopFormat.ConformanceTest;
import dev.snoop.coverage.export.ApisnoopFormat.Endpoint;
import dev.snoop.coverage.export.ApisnoopFormat.Ineligible;
import dev.snoop.coverage.export.ApisnoopFormat.NewEndpoints;
import dev.snoop.coverage.export.ApisnoopFormat.Progress;
import dev.snoop.coverage.export.ApisnoopFormat.ProgressTotal;
import dev.snoop.coverage.export.ApisnoopFormat.ReleaseCounts;
import dev.snoop.coverage.export.ApisnoopFormat.ReleaseFile;
import dev.snoop.coverage.export.ApisnoopFormat.Test;
import dev.snoop.db.release.Release;
import dev.snoop.db.spec.NoSpecException;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.jooq.DSLContext;
import org.jooq.Field;

/** Reads what APISnoop's coverage files hold from the coverage views (migrations: db/views). */
final class ApisnoopStore {
  private static final DateTimeFormatter RELEASE_DATE =
      DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss");

  private final DSLContext sql;

  ApisnoopStore(DSLContext sql) {
    this.sql = sql;
  }

  /**
   * The content of {@code <release>.json}.
   *
   * @throws NoSpecException when no spec is loaded for the release
   */
  ReleaseFile releaseFile(Release release) {
    String r = release.toString();
    var spec =
        sql.selectDistinct(OPEN_API.RELEASE_DATE, OPEN_API.SPEC, OPEN_API.LEVEL_RULE)
            .from(OPEN_API)
            .where(OPEN_API.RELEASE.eq(r))
            .limit(1)
            .fetchOptional()
            .orElseThrow(() -> new NoSpecException(release));
    var ec = ENDPOINT_COVERAGE;
    List<Endpoint> endpoints =
        sql.selectFrom(ec)
            .where(ec.RELEASE.eq(r))
            .orderBy(ec.LEVEL.desc(), ec.ENDPOINT)
            .fetch(
                e ->
                    new Endpoint(
                        e.getEndpoint(),
                        e.getRelease(),
                        e.getLevel(),
                        e.getCategory(),
                        e.getPath(),
                        e.getDescription(),
                        e.getKind(),
                        e.getVersion(),
                        e.getGroup(),
                        e.getAction(),
                        e.getTested(),
                        e.getConfTested(),
                        Arrays.asList(e.getTests()),
                        e.getKind(),
                        e.getVersion(),
                        e.getGroup()));
    List<Test> tests =
        sql.selectFrom(AUDIT_EVENT_TEST)
            .where(AUDIT_EVENT_TEST.RELEASE.eq(r))
            .orderBy(AUDIT_EVENT_TEST.TEST)
            .fetch(
                t ->
                    new Test(
                        t.getRelease(),
                        t.getTest(),
                        t.getConformanceTest(),
                        t.getTestname(),
                        t.getFile(),
                        t.getPromotionRelease()));
    List<String> sources =
        sql.select(CURRENT_RUN.SOURCE)
            .from(CURRENT_RUN)
            .where(CURRENT_RUN.RELEASE.eq(r))
            .orderBy(CURRENT_RUN.SOURCE)
            .fetch(CURRENT_RUN.SOURCE);
    var cpr =
        sql.selectFrom(COVERAGE_PER_RELEASE)
            .where(COVERAGE_PER_RELEASE.RELEASE.eq(r))
            .fetchOptional();
    return new ReleaseFile(
        r,
        spec.value1() == null ? null : RELEASE_DATE.format(spec.value1()),
        spec.value2(),
        spec.value3(),
        endpoints.size(),
        endpoints.stream().filter(Endpoint::tested).count(),
        cpr.map(c -> c.getTotalEndpoints().longValue()).orElse(null),
        cpr.map(c -> c.getTotalTested().longValue()).orElse(null),
        cpr.map(c -> c.getNewEndpoints()).orElse(null),
        cpr.map(c -> c.getTested()).orElse(null),
        // APISnoop's array_agg gives null, not [], for a release without audit runs.
        sources.isEmpty() ? null : sources,
        endpoints,
        tests.isEmpty() ? null : tests);
  }

  List<Progress> progress() {
    return sql.selectFrom(PROGRESS)
        .fetch(
            p ->
                new Progress(
                    p.getRelease(),
                    new ProgressTotal(
                        p.getTotalEndpoints(),
                        p.getTotalTestedEndpoints(),
                        p.getNewEndpoints(),
                        p.getNewEndpointsPromotedWithTests(),
                        p.getOldEndpointsCoveredByNewTests(),
                        p.getNewEndpointsCoveredByNewTests() + p.getNewEndpointsCoveredByOldTests(),
                        p.getEndpointsStillUntestedToday())));
  }

  List<ReleaseCounts> perRelease() {
    return sql.selectFrom(COVERAGE_PER_RELEASE)
        .fetch(
            c ->
                new ReleaseCounts(
                    c.getRelease(),
                    c.getNewEndpoints(),
                    c.getTested(),
                    c.getUntested(),
                    c.getTotalTested().longValue(),
                    c.getTotalUntested().longValue(),
                    c.getTotalEndpoints().longValue()));
  }

  List<ConformanceEndpoint> conformanceEndpoints() {
    Map<String, List<ConformanceTest>> tests = new HashMap<>();
    sql.selectDistinct(
            CONFORMANCE_HIT.ENDPOINT,
            CONFORMANCE_HIT.TESTNAME,
            CONFORMANCE_HIT.CODENAME,
            CONFORMANCE_HIT.FILE,
            CONFORMANCE_HIT.PROMOTION_RELEASE)
        .from(CONFORMANCE_HIT)
        .orderBy(CONFORMANCE_HIT.ENDPOINT, CONFORMANCE_HIT.CODENAME)
        .forEach(
            t ->
                tests
                    .computeIfAbsent(t.value1(), e -> new ArrayList<>())
                    .add(new ConformanceTest(t.value2(), t.value3(), t.value4(), t.value5())));
    var c = ELIGIBLE_ENDPOINT_COVERAGE;
    List<ConformanceEndpoint> rows =
        new ArrayList<>(
            sql.selectFrom(c)
                .fetch(
                    e ->
                        new ConformanceEndpoint(
                            e.getEndpoint(),
                            e.getFirstRelease(),
                            testedRelease(e.getFirstConformanceTest(), e.getFirstRelease()),
                            tests.getOrDefault(e.getEndpoint(), Collections.singletonList(null)))));
    // Newest promotion first, then by name, as APISnoop orders the file.
    rows.sort(
        Comparator.comparing((ConformanceEndpoint e) -> Release.parse(e.promotionRelease()))
            .reversed()
            .thenComparing(ConformanceEndpoint::endpoint));
    return rows;
  }

  /** The first test's release, but never before the endpoint existed. */
  private static String testedRelease(String firstTest, String firstRelease) {
    if (firstTest != null && Release.parse(firstTest).compareTo(Release.parse(firstRelease)) < 0) {
      return firstRelease;
    }
    return firstTest;
  }

  List<Ineligible> ineligible() {
    return sql.selectFrom(INELIGIBLE_ENDPOINT)
        .orderBy(INELIGIBLE_ENDPOINT.ENDPOINT)
        .fetch(i -> new Ineligible(i.getEndpoint(), i.getReason(), i.getLink()));
  }

  /** Per release with a loaded spec, oldest first: the operations no older loaded spec has. */
  List<NewEndpoints> newEndpoints() {
    Map<Release, List<String>> byRelease = new TreeMap<>();
    Field<String> first = field("min({0}::semver)::text", String.class, OPEN_API.RELEASE);
    sql.select(OPEN_API.ENDPOINT, first)
        .from(OPEN_API)
        .groupBy(OPEN_API.ENDPOINT)
        .orderBy(OPEN_API.ENDPOINT)
        .forEach(
            r ->
                byRelease
                    .computeIfAbsent(Release.parse(r.value2()), x -> new ArrayList<>())
                    .add(r.value1()));
    List<NewEndpoints> rows = new ArrayList<>();
    byRelease.forEach(
        (release, endpoints) -> rows.add(new NewEndpoints(release.toString(), endpoints)));
    return rows;
  }

  /**
   * The catalogue's releases that have a loaded spec, newest first; "" the working release's date.
   */
  List<CatalogueEntry> releases() {
    return sql
        .select(RELEASE.RELEASE_, RELEASE.RELEASE_DATE)
        .from(RELEASE)
        .whereExists(selectOne().from(OPEN_API).where(OPEN_API.RELEASE.eq(RELEASE.RELEASE_)))
        .fetch(r -> new CatalogueEntry(r.value1(), r.value2() == null ? "" : r.value2().toString()))
        .stream()
        .sorted(Comparator.comparing((CatalogueEntry e) -> Release.parse(e.version())).reversed())
        .toList();
  }

  /** The pending list's operationIds, by name. */
  List<String> pending() {
    return sql.select(PENDING_ELIGIBLE_ENDPOINT.ENDPOINT)
        .from(PENDING_ELIGIBLE_ENDPOINT)
        .orderBy(PENDING_ELIGIBLE_ENDPOINT.ENDPOINT)
        .fetch(PENDING_ELIGIBLE_ENDPOINT.ENDPOINT);
  }
}
