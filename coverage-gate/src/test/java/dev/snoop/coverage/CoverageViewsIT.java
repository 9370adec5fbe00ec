package dev.snoop.coverage;

import static org.assertj.core.api.Assertions.assertThat;

import dev.snoop.db.Database;
import dev.snoop.db.release.Release;
import dev.snoop.db.testing.MigratedDatabase;
import java.util.List;
import org.jooq.DSLContext;
import org.jooq.Record;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The coverage views on a small made-up history where APISnoop's views go wrong: releases 1.9.0 and
 * 1.10.0 (1.9.0 sorts last as text), a conformance test renamed between them, and two builds of one
 * Prow job for 1.10.0 ingested out of order.
 */
@ExtendWith(MigratedDatabase.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class CoverageViewsIT {
  private static final String OLD_NAME = "[sig-x] T1 old name [Conformance]";
  private static final String NEW_NAME = "[sig-x] T1 new name [Conformance]";
  private static final String C_TEST = "[sig-x] T2 hits C [Conformance]";
  private final DSLContext sql;

  CoverageViewsIT(Database database) {
    this.sql = database.dsl();
    sql.execute(
        "insert into snoop.release (release, release_date) values"
            + " ('1.9.0', '2017-12-15'), ('1.10.0', '2018-03-26')");
    operation("1.9.0", "readA", "stable");
    operation("1.9.0", "readB", "stable");
    operation("1.10.0", "readA", "stable");
    operation("1.10.0", "readB", "stable");
    operation("1.10.0", "readC", "stable");
    operation("1.10.0", "readD", "alpha");
    conformanceTest("1.9.0", OLD_NAME, "T1", "1.9.0");
    conformanceTest("1.10.0", NEW_NAME, "T1", "1.9.0");
    conformanceTest("1.10.0", C_TEST, "T2", "1.10.0");
    long old = run("1.9.0", "100");
    hit(old, "1.9.0", "readA", OLD_NAME);
    long newest = run("1.10.0", "200");
    hit(newest, "1.10.0", "readC", C_TEST);
    long older = run("1.10.0", "199"); // an older build ingested later: it must not count
    hit(older, "1.10.0", "readB", C_TEST);
    sql.execute(
        "insert into testing.audit_event (audit_id, endpoint, useragent, data)"
            + " values ('l1', 'readB', 'live-test-writing', '{}'),"
            + " ('l2', 'readB', 'live-test-writing', '{}'), ('l3', 'readC', 'live-test-writing', '{}')");
  }

  @Test
  void theLatestReleaseIsTheHighestBySemver() {
    assertThat(sql.fetchValue("select release from snoop.latest_release")).isEqualTo("1.10.0");
    assertThat(column("select endpoint from conformance.eligible_endpoint order by 1"))
        .containsExactly("readA", "readB", "readC");
  }

  @Test
  void onlyTheNewestBuildOfAJobCounts() {
    assertThat(column("select build_id from snoop.current_run order by release::semver"))
        .containsExactly("100", "200");
    assertThat(
            column(
                "select endpoint from endpoint_coverage where release = '1.10.0' and tested"
                    + " order by 1"))
        .containsExactly("readC");
  }

  @Test
  void aRenamedConformanceTestStillCountsAndIsReported() {
    Record renamed = sql.fetchOne("select * from conformance.renamed_test");
    assertThat(renamed.get("release")).isEqualTo("1.9.0");
    assertThat(renamed.get("codename")).isEqualTo(OLD_NAME);
    assertThat(renamed.get("newest_codename")).isEqualTo(NEW_NAME);
    assertThat(renamed.get("endpoints", Long.class)).isEqualTo(1);
    assertThat(
            sql.fetchOne(
                "select first_conformance_test, test, first_release"
                    + " from conformance.eligible_endpoint_coverage where endpoint = 'readA'"))
        .extracting(r -> r.get(0), r -> r.get(1), r -> r.get(2))
        .containsExactly("1.9.0", "T1", "1.9.0");
    Record test = sql.fetchOne("select * from audit_event_test where release = '1.9.0'");
    assertThat(test.get("conformance_test", Boolean.class)).isTrue();
    assertThat(test.get("in_newest_list", Boolean.class)).isFalse();
    assertThat(new CoverageStore(sql).coverage(Release.parse("1.9.0")).renamedTests())
        .singleElement()
        .satisfies(t -> assertThat(t.newestCodename()).isEqualTo(NEW_NAME));
  }

  @Test
  void newEndpointsAndProgressFollowTheFirstRelease() {
    assertThat(
            sql.fetch(
                    "select endpoint, release, tested, pending, conformance_tests"
                        + " from conformance.new_endpoint where release = '1.10.0'")
                .map(r -> r.get(0) + " " + r.get(1) + " " + r.get(2) + " " + r.get(3)))
        .containsExactly("readC 1.10.0 true false");
    assertThat(
            sql.fetch(
                    "select release, new_endpoints, new_endpoints_promoted_with_tests,"
                        + " total_endpoints, total_tested_endpoints from conformance.progress")
                .map(r -> r.intoList().toString()))
        .containsExactly("[1.9.0, 2, 1, 2, 1]", "[1.10.0, 1, 1, 3, 2]");
    assertThat(
            sql.fetch(
                    "select release, \"new endpoints\", tested, untested, \"total tested\","
                        + " \"total endpoints\" from conformance.coverage_per_release")
                .map(r -> r.intoList().toString()))
        .containsExactly("[1.9.0, 2, 1, 1, 1, 2]", "[1.10.0, 1, 1, 0, 2, 3]");
    ReleaseCoverage coverage = new CoverageStore(sql).coverage(Release.parse("1.10.0"));
    assertThat(coverage.previousRelease()).isEqualTo("1.9.0");
    assertThat(coverage.newEndpointsAllLevels()).isEqualTo(2);
    assertThat(coverage.newEndpoints())
        .extracting(ReleaseCoverage.NewEndpoint::endpoint)
        .containsExactly("readC");
  }

  @Test
  void liveTestWritingViews() {
    assertThat(
            column(
                "select endpoint || ' ' || hit_by_ete || ' ' || hit_by_new_test"
                    + " from testing.endpoint_hit_by_new_test order by 1"))
        .containsExactly("readB false 2", "readC true 1");
    assertThat(sql.fetchOne("select * from testing.projected_change_in_coverage").intoList())
        .containsExactly("test_coverage", 4L, 1L, 2L, 1L);
    assertThat(column("select endpoint || ' ' || eligible from testing.untested_stable_endpoint"))
        .containsExactly("readB true", "readA true");
  }

  @Test
  void viewsHaveApisnoopsColumnsFirst() {
    assertThat(columns("public", "endpoint_coverage"))
        .startsWith(
            "release",
            "endpoint",
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
            "tests");
    assertThat(columns("public", "audit_event_test"))
        .startsWith("release", "test", "conformance_test", "testname", "file", "promotion_release");
    assertThat(columns("conformance", "eligible_endpoint")).containsExactly("endpoint");
    assertThat(columns("conformance", "eligible_endpoint_coverage"))
        .containsExactly(
            "endpoint",
            "first_conformance_test",
            "test",
            "codename",
            "file",
            "first_release",
            "all_test_releases");
    assertThat(columns("conformance", "progress"))
        .containsExactly(
            "release",
            "new_endpoints",
            "new_tests",
            "new_endpoints_promoted_with_tests",
            "new_endpoints_covered_by_new_tests",
            "new_endpoints_covered_by_old_tests",
            "old_endpoints_covered_by_new_tests",
            "total_endpoints",
            "total_tested_endpoints",
            "endpoints_still_untested_today");
    assertThat(columns("conformance", "coverage_per_release"))
        .containsExactly(
            "release",
            "new endpoints",
            "tested",
            "untested",
            "total tested",
            "total untested",
            "total endpoints");
    assertThat(columns("conformance", "new_endpoint")).startsWith("endpoint", "release", "tested");
    assertThat(columns("testing", "untested_stable_endpoint"))
        .startsWith("release", "endpoint")
        .endsWith("eligible");
    assertThat(columns("testing", "endpoint_hit_by_new_test"))
        .containsExactly("useragent", "endpoint", "hit_by_ete", "hit_by_new_test");
    assertThat(columns("testing", "projected_change_in_coverage"))
        .containsExactly(
            "category", "total_endpoints", "old_coverage", "new_coverage", "change_in_number");
  }

  private void operation(String release, String endpoint, String level) {
    sql.execute(
        "insert into open_api (release, endpoint, level, category, path, deprecated, spec,"
            + " http_method, level_rule) values (?, ?, ?, 'core', ?, false, 'test', 'GET', 'exact')",
        release,
        endpoint,
        level,
        "/api/v1/" + endpoint);
  }

  private void conformanceTest(String list, String codename, String testname, String promoted) {
    sql.execute(
        "insert into conformance.release_test (list_release, testname, codename, release,"
            + " release_raw, required_from, file) values (?, ?, ?, ?, ?, ?, 'test/e2e/x.go')",
        list,
        testname,
        codename,
        promoted,
        "v" + promoted,
        promoted);
  }

  /** A run row and, as ingest makes it, the run's own partition of snoop.endpoint_hit. */
  private long run(String release, String build) {
    long id =
        sql.fetchOne(
                "insert into snoop.ingest_run (release, source, job, build_id, checksum, keep_raw,"
                    + " started_at) values (?, ?, 'ci-job', ?, '', false, now()) returning id",
                release,
                "https://prow.k8s.io/view/gs/logs/ci-job/" + build,
                build)
            .get(0, Long.class);
    sql.execute(
        "create table snoop.endpoint_hit_run_"
            + id
            + " partition of snoop.endpoint_hit for values in ("
            + id
            + ")");
    return id;
  }

  private void hit(long run, String release, String endpoint, String test) {
    sql.execute(
        "insert into snoop.endpoint_hit (run_id, release, endpoint, useragent, test, test_hit,"
            + " conf_test_hit, hits) values (?, ?, ?, ?, ?, true, true, 3)",
        run,
        release,
        endpoint,
        "e2e.test/v" + release + " -- " + test,
        test);
  }

  private List<String> column(String query) {
    return sql.fetch(query).getValues(0, String.class);
  }

  private List<String> columns(String schema, String view) {
    return column(
        "select column_name from information_schema.columns where table_schema = '"
            + schema
            + "' and table_name = '"
            + view
            + "' order by ordinal_position");
  }
}
