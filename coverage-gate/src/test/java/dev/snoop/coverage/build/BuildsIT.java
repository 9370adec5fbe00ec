package dev.snoop.coverage.build;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import dev.snoop.coverage.build.FisherComparison.EndpointChange;
import dev.snoop.coverage.diff.CoverageDiff;
import dev.snoop.coverage.diff.DiffJson;
import dev.snoop.coverage.diff.DiffMarkdown;
import dev.snoop.coverage.diff.DiffReport;
import dev.snoop.coverage.diff.DiffReport.Change;
import dev.snoop.coverage.diff.DiffReport.KindDiff;
import dev.snoop.coverage.diff.DiffText;
import dev.snoop.coverage.diff.NoSuchRunException;
import dev.snoop.coverage.gate.AuditLogs;
import dev.snoop.coverage.gate.AuditLogs.Hit;
import dev.snoop.db.Database;
import dev.snoop.db.conformance.ConformanceLists;
import dev.snoop.db.conformance.ConformanceTest;
import dev.snoop.db.input.Input;
import dev.snoop.db.input.InputReader;
import dev.snoop.db.input.InvalidValueException;
import dev.snoop.db.release.Release;
import dev.snoop.db.spec.LevelRule;
import dev.snoop.db.testing.MigratedDatabase;
import dev.snoop.db.testing.QueryDoc;
import dev.snoop.db.testing.ReferenceData;
import dev.snoop.db.testing.SharedData;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.jooq.DSLContext;
import org.jooq.Record;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * Ten builds of one job, each an audit log written here, on the real 1.34.0 spec and conformance
 * list. Per build (ids 1001 to 1010, 1010 the newest; "previous five" are 1001-1005):
 *
 * <pre>
 *   listCoreV1Node          conformance test T1 in every build
 *   readCoreV1Node          conformance test T2 in 1001-1004 and 1010 (4 of the previous 5, 1 of the newest 5)
 *   listCoreV1Namespace     conformance test T1 in 1001-1005 only
 *   readCoreV1Namespace     conformance test T2 in 1010 only, answered 404
 *   createCoreV1Namespace   a test that is not conformance, in 1001 only
 *   deleteCoreV1Namespace   that test, in 1010 only; it also hits listCoreV1Node in 1010
 * </pre>
 */
@ExtendWith(MigratedDatabase.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class BuildsIT {
  static final Release R134 = Release.parse("1.34.0");
  static final String JOB = "ci-kubernetes-e2e-gci-gce";
  static final Instant TIME = Instant.parse("2026-11-20T09:00:00Z");
  static final String OTHER = "[sig-storage] a test that is not a conformance test";

  private final DSLContext sql;
  private final String t1;
  private final String t2;
  private final List<Long> runs = new ArrayList<>();

  BuildsIT(Database database, @TempDir Path temp) {
    this.sql = database.dsl();
    InputReader reader = new InputReader(temp.resolve("cache"));
    ReferenceData.releasesAndSpec(sql, reader, R134, LevelRule.EXACT);
    List<ConformanceTest> tests =
        new ConformanceLists(sql, reader)
            .load(R134, Input.file(SharedData.path("conformance-yaml/v1.34.yaml")));
    t1 = sigTest(tests, "[sig-apps]");
    t2 = sigTest(tests, "[sig-node]");
    AuditLogs logs = new AuditLogs(database, temp);
    for (int build = 1001; build <= 1010; build++) {
      List<Hit> hits = new ArrayList<>();
      hits.add(new Hit("listCoreV1Node", t1));
      if (build <= 1004 || build == 1010) {
        hits.add(new Hit("readCoreV1Node", t2));
      }
      if (build <= 1005) {
        hits.add(new Hit("listCoreV1Namespace", t1));
      }
      if (build == 1010) {
        hits.add(new Hit("readCoreV1Namespace", t2, 404));
        hits.add(new Hit("deleteCoreV1Namespace", OTHER));
        hits.add(new Hit("listCoreV1Node", OTHER));
      }
      if (build == 1001) {
        hits.add(new Hit("createCoreV1Namespace", OTHER));
      }
      Path log = logs.write(R134, TIME.plusSeconds(build), hits);
      runs.add(logs.ingestAsProw(R134, JOB, Integer.toString(build), log).runId());
    }
  }

  private static String sigTest(List<ConformanceTest> tests, String sig) {
    return tests.stream()
        .map(ConformanceTest::codename)
        .filter(c -> c.startsWith(sig))
        .findFirst()
        .orElseThrow();
  }

  @Test
  void stabilityCountsTheBuildsEachEndpointIsConformanceTestedIn() {
    Stability stability =
        new CoverageStability(sql).stability(BuildSet.all(R134, Optional.of(JOB)));
    assertThat(stability.builds()).hasSize(10);
    assertThat(stability.builds().get(0).buildId()).isEqualTo("1010");
    assertThat(stability.endpoints())
        .extracting(EndpointBuilds::endpoint, EndpointBuilds::hitIn)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple("listCoreV1Namespace", 5),
            org.assertj.core.groups.Tuple.tuple("listCoreV1Node", 10),
            org.assertj.core.groups.Tuple.tuple("readCoreV1Namespace", 1),
            org.assertj.core.groups.Tuple.tuple("readCoreV1Node", 5));
    assertThat(stability.stable()).isEqualTo(1);
    assertThat(stability.unstable())
        .extracting(EndpointBuilds::endpoint)
        .containsExactly("listCoreV1Namespace", "readCoreV1Namespace", "readCoreV1Node");
    assertThat(stability.unstable().get(0).tests()).containsExactly(t1);
    assertThat(StabilityText.of(stability))
        .contains("conformance-tested in every build: 1 endpoints")
        .contains("  5/10  listCoreV1Namespace\n        " + t1 + "\n");
    assertThat(StabilityJson.of(stability)).contains("\"hitIn\" : 5");
  }

  @Test
  void theCoverageViewsStillCountOnlyTheNewestBuild() {
    Record namespaces =
        sql.fetchOne(
            "select tested, conf_tested from endpoint_coverage"
                + " where release = '1.34.0' and endpoint = 'listCoreV1Namespace'");
    assertThat(namespaces.get(0, Boolean.class)).isFalse();
    assertThat(namespaces.get(1, Boolean.class)).isFalse();
    assertThat(
            sql.fetchValue(
                "select hits from endpoint_coverage where release = '1.34.0'"
                    + " and endpoint = 'listCoreV1Node'",
                Long.class))
        .isEqualTo(2L);
  }

  @Test
  void fisherMatchesTheHypergeometricSumsWrittenOut() {
    // [[4, 1], [1, 4]]: 5 hits among 10 builds, 5 of them base. One-sided, the base has as many
    // hits or more: P(X=4) + P(X=5) = (C(5,4) C(5,1) + C(5,5) C(5,0)) / C(10,5) = (25 + 1) / 252.
    assertThat(CoverageStability.pValue(4, 5, 1, 5)).isCloseTo(26.0 / 252, within(1e-12));
    // [[5, 0], [0, 5]]: only P(X=5) = C(5,5) C(5,0) / C(10,5) = 1 / 252.
    assertThat(CoverageStability.pValue(5, 5, 0, 5)).isCloseTo(1.0 / 252, within(1e-12));
    // [[10, 0], [4, 6]]: 14 hits among 20; P(X=10) = C(14,10) C(6,0) / C(20,10) = 1001 / 184756.
    assertThat(CoverageStability.pValue(10, 10, 4, 10)).isCloseTo(1001.0 / 184756, within(1e-12));
    // A rise is no regression: [[0, 5], [1, 4]] gives P(X >= 0) = 1.
    assertThat(CoverageStability.pValue(0, 5, 1, 5)).isCloseTo(1.0, within(1e-12));
  }

  @Test
  void theNewestFiveAgainstThePreviousFiveRegressOnlyWhereSignificant() {
    CoverageStability stability = new CoverageStability(sql);
    BuildSet previous = BuildSet.previous(R134, Optional.of(JOB), 5);
    BuildSet newest = BuildSet.newest(R134, Optional.of(JOB), 5);
    FisherComparison at95 = stability.compare(previous, newest, 0.95);
    assertThat(at95.baseBuilds()).isEqualTo(5);
    assertThat(at95.headBuilds()).isEqualTo(5);
    assertThat(at95.regressions())
        .singleElement()
        .satisfies(
            e -> {
              assertThat(e.endpoint()).isEqualTo("listCoreV1Namespace");
              assertThat(e.baseHits()).isEqualTo(5);
              assertThat(e.headHits()).isZero();
              assertThat(e.pValue()).isCloseTo(1.0 / 252, within(1e-12));
              assertThat(e.tests()).containsExactly(t1);
            });
    EndpointChange node =
        at95.endpoints().stream()
            .filter(e -> e.endpoint().equals("readCoreV1Node"))
            .findFirst()
            .orElseThrow();
    assertThat(node.pValue()).isCloseTo(26.0 / 252, within(1e-12));
    assertThat(node.regression()).isFalse();
    // At 85% confidence p = 0.103 is significant too.
    assertThat(stability.compare(previous, newest, 0.85).regressions())
        .extracting(EndpointChange::endpoint)
        .containsExactly("listCoreV1Namespace", "readCoreV1Node");
    assertThat(StabilityText.of(at95))
        .contains("coverage regressions at 95% confidence (Fisher's exact test, one-sided): 1")
        .contains("listCoreV1Namespace  5/5 -> 0/5 builds  p=0.003968");
  }

  @Test
  void setsWithoutBuildsOrABadConfidenceAreRefused() {
    CoverageStability stability = new CoverageStability(sql);
    BuildSet none = BuildSet.all(R134, Optional.of("no-such-job"));
    BuildSet all = BuildSet.all(R134, Optional.of(JOB));
    assertThatThrownBy(() -> stability.compare(none, all, 0.95))
        .isInstanceOf(InvalidValueException.class)
        .hasMessageContaining("no stored builds for 1.34.0 no-such-job");
    assertThatThrownBy(() -> stability.compare(all, all, 95))
        .isInstanceOf(InvalidValueException.class)
        .hasMessageContaining("between 0 and 1");
  }

  @Test
  void aDiffListsGainsAndLossesWithTheTestsOfTheSideThatHasThem() {
    DiffReport diff = new CoverageDiff(sql).compare(R134, Long.toString(runs.get(0)), R134, JOB);
    assertThat(diff.base().buildId()).isEqualTo("1001");
    assertThat(diff.head().buildId()).isEqualTo("1010");
    KindDiff tested = diff.kinds().get(0);
    assertThat(tested.gained())
        .containsExactly(
            new Change("deleteCoreV1Namespace", List.of(OTHER)),
            new Change("readCoreV1Namespace", List.of(t2)));
    assertThat(tested.lost())
        .containsExactly(
            new Change("createCoreV1Namespace", List.of(OTHER)),
            new Change("listCoreV1Namespace", List.of(t1)));
    assertThat(tested.baseCount()).isEqualTo(4);
    assertThat(tested.headCount()).isEqualTo(4);
    KindDiff conformance = diff.kinds().get(1);
    assertThat(conformance.gained())
        .containsExactly(new Change("readCoreV1Namespace", List.of(t2)));
    assertThat(conformance.lost()).containsExactly(new Change("listCoreV1Namespace", List.of(t1)));
    // readCoreV1Namespace answered only 404: tested and conformance-tested, not success-tested.
    KindDiff success = diff.kinds().get(2);
    assertThat(success.kind()).isEqualTo(DiffReport.Kind.SUCCESS_TESTED);
    assertThat(success.gained())
        .containsExactly(new Change("deleteCoreV1Namespace", List.of(OTHER)));
    assertThat(success.lost()).isEqualTo(tested.lost());

    // The other way round, gains and losses swap.
    DiffReport back = new CoverageDiff(sql).compare(R134, JOB, R134, "1001");
    assertThat(back.kinds().get(1).gained()).isEqualTo(conformance.lost());
    assertThat(back.kinds().get(1).lost()).isEqualTo(conformance.gained());

    assertThat(DiffText.of(diff))
        .contains("conformance-tested: 3 -> 3 (+1 -1)\n  + readCoreV1Namespace\n      " + t2);
    assertThat(DiffMarkdown.of(diff))
        .contains("| conformance-tested | 3 | 3 | 1 | 1 |")
        .contains("<details><summary>1 conformance-tested lost</summary>")
        .contains("| `listCoreV1Namespace` | " + t1.replace("<", "&lt;") + " |");
    assertThat(DiffJson.of(diff)).contains("\"kind\" : \"CONFORMANCE_TESTED\"");
  }

  @Test
  void aDiffSideThatNamesNoRunIsRefused() {
    assertThatThrownBy(() -> new CoverageDiff(sql).compare(R134, "no-such-source", R134, JOB))
        .isInstanceOf(NoSuchRunException.class)
        .hasMessageStartingWith("\"no-such-source\" names no stored run of 1.34.0");
  }

  @Test
  void coverageBySigCountsTheSigsReachingEachEndpointInTheNewestBuild() {
    String sigApps = "sig-apps";
    assertThat(
            sql.fetch(
                    "select endpoint, sig, sigs from conformance.coverage_by_sig"
                        + " where release = '1.34.0' order by endpoint, sig")
                .map(r -> r.get(0) + " " + r.get(1) + " " + r.get(2)))
        .containsExactly(
            "deleteCoreV1Namespace sig-storage 1",
            "listCoreV1Node " + sigApps + " 2",
            "listCoreV1Node sig-storage 2",
            "readCoreV1Namespace sig-node 1",
            "readCoreV1Node sig-node 1");
  }

  /** docs/queries.md's queries about builds, diffs and SIGs answer as the Java code does. */
  @Test
  void theDocumentedQueriesGiveTheSameAnswers() {
    List<QueryDoc.Example> stability = QueryDoc.section("Coverage across builds");
    assertThat(sql.fetch(stability.get(0).sql()).map(r -> r.get("build_id", String.class)))
        .hasSize(10)
        .startsWith("1010", "1009");
    assertThat(sql.fetch(stability.get(1).sql()).map(r -> r.get(0) + " " + r.get(1)))
        .containsExactly(
            "listCoreV1Namespace 5",
            "listCoreV1Node 10",
            "readCoreV1Namespace 1",
            "readCoreV1Node 5");
    assertThat(sql.fetch(stability.get(2).sql()).map(r -> r.get(0, String.class)))
        .containsExactly("listCoreV1Namespace", "readCoreV1Namespace", "readCoreV1Node");

    List<QueryDoc.Example> diff = QueryDoc.section("Coverage gained and lost between two runs");
    assertThat(sql.fetch(diff.get(0).sql()).map(r -> r.get(0) + " " + r.get(1)))
        .containsExactly("gained readCoreV1Namespace", "lost listCoreV1Namespace");

    List<QueryDoc.Example> sig = QueryDoc.section("Coverage by SIG");
    assertThat(sql.fetch(sig.get(0).sql()).map(r -> r.get(0) + " " + r.get(1) + " " + r.get(2)))
        .containsExactly("sig-node 2 2", "sig-storage 2 1", "sig-apps 1 0");
  }
}
