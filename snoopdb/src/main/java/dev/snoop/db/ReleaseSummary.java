package dev.snoop.db;

import static dev.snoop.db.jooq.conformance.Tables.PENDING_ELIGIBLE_ENDPOINT;
import static dev.snoop.db.jooq.public_.Tables.OPEN_API;
import static dev.snoop.db.jooq.snoop.Tables.ELIGIBLE_OPERATION;
import static org.jooq.impl.DSL.count;

import dev.snoop.db.conformance.ConformanceLists;
import dev.snoop.db.conformance.ConformanceTest;
import dev.snoop.db.release.Release;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.jooq.DSLContext;

/**
 * What snoopdb holds for a release before any audit log: its operations by level and category, how
 * many are eligible for conformance, and its conformance tests.
 *
 * @param operations non-deprecated operations (APISnoop's "total endpoints")
 * @param levels non-deprecated operations per level
 * @param categories non-deprecated stable operations per category
 * @param eligible operations eligible for conformance (snoop.eligible_operation)
 * @param pending eligible operations on the pending list
 */
public record ReleaseSummary(
    Release release,
    String levelRule,
    int operations,
    int deprecated,
    Map<String, Integer> levels,
    Map<String, Integer> categories,
    int eligible,
    int pending,
    int conformanceTests,
    int requiredTests) {

  public static ReleaseSummary of(DSLContext sql, Release release) {
    var ofRelease = OPEN_API.RELEASE.eq(release.toString());
    var current = OPEN_API.DEPRECATED.isFalse().and(ofRelease);
    var stable = current.and(OPEN_API.LEVEL.eq("stable"));
    var eligible = ELIGIBLE_OPERATION.RELEASE.eq(release.toString());
    Map<String, Integer> levels = new TreeMap<>();
    sql.select(OPEN_API.LEVEL, count())
        .from(OPEN_API)
        .where(current)
        .groupBy(OPEN_API.LEVEL)
        .forEach(r -> levels.put(r.value1(), r.value2()));
    Map<String, Integer> categories = new TreeMap<>();
    sql.select(OPEN_API.CATEGORY, count())
        .from(OPEN_API)
        .where(stable)
        .groupBy(OPEN_API.CATEGORY)
        .forEach(r -> categories.put(String.valueOf(r.value1()), r.value2()));
    List<ConformanceTest> tests = ConformanceLists.tests(sql, release);
    long required = tests.stream().filter(test -> test.isRequiredFor(release)).count();
    return new ReleaseSummary(
        release,
        sql.selectDistinct(OPEN_API.LEVEL_RULE)
            .from(OPEN_API)
            .where(ofRelease)
            .fetchOne(OPEN_API.LEVEL_RULE),
        sql.fetchCount(OPEN_API, current),
        sql.fetchCount(OPEN_API, ofRelease.and(OPEN_API.DEPRECATED.isTrue())),
        levels,
        categories,
        sql.fetchCount(ELIGIBLE_OPERATION, eligible),
        sql.fetchCount(
            sql.select()
                .from(ELIGIBLE_OPERATION)
                .join(PENDING_ELIGIBLE_ENDPOINT)
                .on(PENDING_ELIGIBLE_ENDPOINT.ENDPOINT.eq(ELIGIBLE_OPERATION.ENDPOINT))
                .where(eligible)),
        tests.size(),
        (int) required);
  }
}
