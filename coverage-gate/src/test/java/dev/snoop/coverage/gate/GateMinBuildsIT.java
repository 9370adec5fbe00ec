package dev.snoop.coverage.gate;

import static org.assertj.core.api.Assertions.assertThat;

import dev.snoop.coverage.gate.GateReport.FewBuilds;
import dev.snoop.coverage.gate.GateReport.GateEndpoint;
import dev.snoop.coverage.gate.GateReport.Status;
import dev.snoop.coverage.gate.GateReport.Verdict;
import dev.snoop.db.Database;
import dev.snoop.db.conformance.ConformanceLists;
import dev.snoop.db.conformance.EndpointLists;
import dev.snoop.db.input.Input;
import dev.snoop.db.input.InputReader;
import dev.snoop.db.release.Release;
import dev.snoop.db.spec.LevelRule;
import dev.snoop.db.testing.MigratedDatabase;
import dev.snoop.db.testing.ReferenceData;
import dev.snoop.db.testing.SharedData;
import dev.snoop.ingest.prow.ProwRequest;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.jooq.DSLContext;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code snoop gate --min-builds K} on three stored builds of a job (real 1.33.0 and 1.34.0 specs,
 * v1.34's conformance.yaml): every new eligible endpoint of 1.34.0 is conformance-tested in the
 * newest two builds, and all but one ({@value #FRAGILE}) in the oldest.
 */
@ExtendWith(MigratedDatabase.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class GateMinBuildsIT {
  static final Release R133 = Release.parse("1.33.0");
  static final Release R134 = Release.parse("1.34.0");
  static final Instant NOW = Instant.parse("2026-11-20T12:00:00Z");
  static final String JOB = "ci-kubernetes-gce-conformance-latest";
  static final String FRAGILE = "createResourceV1DeviceClass";

  private final DSLContext sql;

  GateMinBuildsIT(Database database, @TempDir Path temp) {
    this.sql = database.dsl();
    InputReader reader = new InputReader(temp.resolve("cache"));
    ReferenceData.releasesAndSpec(sql, reader, R133, LevelRule.EXACT);
    ReferenceData.spec(sql, reader, R134, LevelRule.EXACT);
    String test =
        new ConformanceLists(sql, reader)
            .load(R134, Input.file(SharedData.path("conformance-yaml/v1.34.yaml")))
            .get(0)
            .codename();
    new EndpointLists(sql, reader)
        .loadIneligible(
            Input.file(SharedData.path("apisnoop-coverage/ineligible_endpoints.json")), R134);
    List<String> newEligible = gate(1).endpoints().stream().map(GateEndpoint::endpoint).toList();
    assertThat(newEligible).contains(FRAGILE);
    AuditLogs logs = new AuditLogs(database, temp);
    List<String> allButFragile = newEligible.stream().filter(e -> !e.equals(FRAGILE)).toList();
    Instant time = NOW.minus(Duration.ofHours(9));
    logs.ingestAsProw(
        R134, JOB, "101", logs.write(R134, time, AuditLogs.hits(allButFragile, test)));
    for (String build : List.of("102", "103")) {
      time = time.plus(Duration.ofHours(3));
      logs.ingestAsProw(
          R134, JOB, build, logs.write(R134, time, AuditLogs.hits(newEligible, test)));
    }
  }

  @Test
  void withoutTheOptionTheNewestBuildAlonePasses() {
    GateReport report = gate(1);
    assertThat(report.verdict()).as(GateText.of(report)).isEqualTo(Verdict.PASS);
    assertThat(report.fewBuilds()).isEmpty();
    assertThat(GateText.of(report)).doesNotContain("stored builds");
  }

  @Test
  void twoBuildsOfThreeAreEnoughForTwo() {
    GateReport report = gate(2);
    assertThat(report.verdict()).as(GateText.of(report)).isEqualTo(Verdict.PASS);
    assertThat(report.verdict().exitCode()).isZero();
    assertThat(report.fewBuilds()).isEmpty();
  }

  @Test
  void anEndpointMissingFromOneBuildFailsThreeListedForThatOnly() {
    GateReport report = gate(3);
    assertThat(report.verdict()).as(GateText.of(report)).isEqualTo(Verdict.FAIL);
    assertThat(report.verdict().exitCode()).isEqualTo(1);
    assertThat(report.fewBuilds()).containsExactly(new FewBuilds(FRAGILE, 2, 3));
    assertThat(report.untested()).extracting(GateEndpoint::endpoint).containsExactly(FRAGILE);
    assertThat(report.endpoints().stream().filter(e -> e.status() == Status.TESTED)).hasSize(40);
    assertThat(GateText.of(report))
        .contains(
            "conformance-tested, but in fewer than 3 stored builds (failing for that only): 1\n"
                + "  "
                + FRAGILE
                + "  in 2 of 3 builds");
  }

  @Test
  void moreBuildsAskedThanStoredCannotDecide() {
    GateReport report = gate(4);
    assertThat(report.verdict()).isEqualTo(Verdict.ERROR);
    assertThat(report.verdict().exitCode()).isEqualTo(2);
    assertThat(report.problems())
        .containsExactly(
            "a new endpoint must be conformance-tested in 4 builds, but 3 are stored for 1.34.0"
                + " (snoop ingest prow --builds N)");
  }

  private GateReport gate(int minBuilds) {
    return new ConformanceGate(sql)
        .evaluate(
            new GateRequest(
                Optional.of(R134),
                List.of(JOB),
                ProwRequest.apisnoopJobs(),
                GateRequest.DEFAULT_MAX_AGE,
                false,
                NOW,
                false,
                minBuilds));
  }
}
