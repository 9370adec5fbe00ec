package dev.snoop.coverage.gate;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.snoop.coverage.gate.GateReport.GateEndpoint;
import dev.snoop.coverage.gate.GateReport.Verdict;
import dev.snoop.db.Database;
import dev.snoop.db.conformance.ConformanceLists;
import dev.snoop.db.conformance.EndpointLists;
import dev.snoop.db.input.Input;
import dev.snoop.db.input.InputReader;
import dev.snoop.db.release.Release;
import dev.snoop.db.spec.LevelRule;
import dev.snoop.db.spec.SpecLoader;
import dev.snoop.db.spec.SpecSource;
import dev.snoop.db.testing.MigratedDatabase;
import dev.snoop.db.testing.ReferenceData;
import dev.snoop.db.testing.SharedData;
import java.io.IOException;
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
 * APISnoop's known false positive (apisnoop#859, k/k#141065): a new API group that serves only an
 * alpha version has a versionless discovery endpoint, {@code get<Group>APIGroup}, which APISnoop
 * reads as stable, so the gate failed on it. No two real specs add a group, so the release before
 * is the real v1.33.0 spec without the storagemigration.k8s.io group, as before 1.30 added it
 * (v1alpha1 only), and the release is the real v1.34.0 spec. The ineligible list's workaround entry
 * for getStoragemigrationAPIGroup is left out, as it was at the time.
 */
@ExtendWith(MigratedDatabase.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class GateAlphaGroupIT {
  static final Release BEFORE = Release.parse("1.33.0");
  static final Release RELEASE = Release.parse("1.34.0");
  static final String DISCOVERY = "getStoragemigrationAPIGroup";
  static final Instant NOW = Instant.parse("2026-11-20T12:00:00Z");

  private final DSLContext sql;
  private final InputReader reader;
  private final Path before;

  GateAlphaGroupIT(Database database, @TempDir Path temp) throws IOException {
    this.sql = database.dsl();
    this.reader = new InputReader(temp.resolve("cache"));
    ReferenceData.releases(sql, reader);
    before = withoutGroup(temp.resolve("swagger-1.33.0-without-storagemigration.json"));
    new ConformanceLists(sql, reader)
        .load(RELEASE, Input.file(SharedData.path("conformance-yaml/v1.34.yaml")));
    new EndpointLists(sql, reader)
        .loadIneligible(
            Input.file(SharedData.path("apisnoop-coverage/ineligible_endpoints.json")), RELEASE);
    sql.execute("delete from conformance.ineligible_endpoint where endpoint = ?", DISCOVERY);
    AuditLogs logs = new AuditLogs(database, temp);
    load(LevelRule.EXACT);
    logs.ingest(
        RELEASE,
        logs.write(
            RELEASE,
            NOW.minus(Duration.ofHours(1)),
            List.of(new AuditLogs.Hit("readCoreV1Namespace", null))));
  }

  @Test
  void theExactRuleDoesNotReportANewAlphaGroupsDiscoveryEndpoint() {
    assertThat(
            sql.fetchValue(
                "select level from open_api where release = '1.34.0' and endpoint = ?", DISCOVERY))
        .isEqualTo("alpha");
    GateReport report = gate();
    assertThat(report.verdict()).isEqualTo(Verdict.FAIL);
    assertThat(report.untested())
        .extracting(GateEndpoint::endpoint)
        .doesNotContain(DISCOVERY)
        .hasSize(41);
  }

  @Test
  void theApisnoopRuleReportsIt() {
    try {
      load(LevelRule.APISNOOP);
      GateReport report = gate();
      assertThat(report.untested())
          .extracting(GateEndpoint::endpoint)
          .contains(DISCOVERY)
          .hasSize(42);
      assertThat(report.untested().stream().filter(e -> e.endpoint().equals(DISCOVERY)))
          .singleElement()
          .satisfies(e -> assertThat(e.path()).isEqualTo("/apis/storagemigration.k8s.io/"));
      assertThat(GateText.of(report))
          .contains("note: the apisnoop rule reads versionless group discovery as stable");
    } finally {
      load(LevelRule.EXACT);
    }
  }

  private void load(LevelRule rule) {
    SpecLoader specs = new SpecLoader(sql, reader);
    specs.load(BEFORE, new SpecSource.V2(Input.file(before)), rule);
    ReferenceData.spec(sql, reader, RELEASE, rule);
  }

  private GateReport gate() {
    return new ConformanceGate(sql)
        .evaluate(
            new GateRequest(
                Optional.of(RELEASE),
                List.of(),
                List.of(),
                GateRequest.DEFAULT_MAX_AGE,
                false,
                NOW));
  }

  /** The real v1.33.0 swagger.json without the paths of the storagemigration.k8s.io group. */
  private static Path withoutGroup(Path out) throws IOException {
    ObjectNode spec =
        (ObjectNode)
            AuditLogs.JSON.readTree(SharedData.path("openapi/v1.33.0/swagger.json").toFile());
    ObjectNode paths = (ObjectNode) spec.path("paths");
    List<String> group = new java.util.ArrayList<>();
    paths
        .fieldNames()
        .forEachRemaining(
            p -> {
              if (p.startsWith("/apis/storagemigration.k8s.io/")) {
                group.add(p);
              }
            });
    assertThat(group).contains("/apis/storagemigration.k8s.io/");
    paths.remove(group);
    AuditLogs.JSON.writeValue(out.toFile(), spec);
    return out;
  }
}
