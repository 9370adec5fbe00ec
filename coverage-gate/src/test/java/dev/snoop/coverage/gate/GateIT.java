package dev.snoop.coverage.gate;

import static org.assertj.core.api.Assertions.assertThat;

import dev.snoop.coverage.gate.AuditLogs.Hit;
import dev.snoop.coverage.gate.GateReport.GateEndpoint;
import dev.snoop.coverage.gate.GateReport.Status;
import dev.snoop.coverage.gate.GateReport.Verdict;
import dev.snoop.db.Database;
import dev.snoop.db.conformance.ConformanceLists;
import dev.snoop.db.conformance.ConformanceTest;
import dev.snoop.db.conformance.EndpointLists;
import dev.snoop.db.input.Input;
import dev.snoop.db.input.InputReader;
import dev.snoop.db.release.Release;
import dev.snoop.db.spec.LevelRule;
import dev.snoop.db.testing.MigratedDatabase;
import dev.snoop.db.testing.ReferenceData;
import dev.snoop.db.testing.SharedData;
import dev.snoop.ingest.prow.ProwRequest;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.jooq.DSLContext;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * The gate on the real v1.33.0 and v1.34.0 specs (exact level rule), v1.34's conformance.yaml and
 * APISnoop's ineligible list, with audit logs written by each test. Between the two specs, 41
 * eligible stable operations are new in 1.34.0 (resource.k8s.io/v1 and storage.k8s.io/v1
 * VolumeAttributesClass; counted from the swagger files with jq).
 */
@ExtendWith(MigratedDatabase.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class GateIT {
  static final Release R133 = Release.parse("1.33.0");
  static final Release R134 = Release.parse("1.34.0");
  static final Instant NOW = Instant.parse("2026-11-20T12:00:00Z");
  static final Instant FRESH = NOW.minus(Duration.ofHours(3));
  static final String OTHER_TEST = "[sig-node] DRA a test that is not a conformance test";
  static final List<String> UNTESTED =
      List.of(
          "createResourceV1DeviceClass",
          "deleteStorageV1VolumeAttributesClass",
          "patchResourceV1ResourceSlice");

  private final Database database;
  private final DSLContext sql;
  private final InputReader reader;
  private final AuditLogs logs;
  private final Path temp;
  private final String conformanceTest;
  private final List<String> newEligible;

  GateIT(Database database, @TempDir Path temp) {
    this.database = database;
    this.sql = database.dsl();
    this.temp = temp;
    this.reader = new InputReader(temp.resolve("cache"));
    this.logs = new AuditLogs(database, temp);
    ReferenceData.releasesAndSpec(sql, reader, R133, LevelRule.EXACT);
    ReferenceData.spec(sql, reader, R134, LevelRule.EXACT);
    List<ConformanceTest> tests =
        new ConformanceLists(sql, reader)
            .load(R134, Input.file(SharedData.path("conformance-yaml/v1.34.yaml")));
    conformanceTest = tests.get(0).codename();
    loadRealIneligibleList();
    // The operations to hit, as the gate lists them; the tests check the list itself.
    newEligible = gate(request()).endpoints().stream().map(GateEndpoint::endpoint).toList();
  }

  @BeforeEach
  void noRunsNoPendingList() {
    logs.removeRuns();
    sql.execute("delete from conformance.pending_eligible_endpoint");
    loadRealIneligibleList();
  }

  @Test
  void theNewEligibleEndpointsAreThoseFirstSeenInTheRelease() {
    assertThat(newEligible)
        .hasSize(41)
        .contains(
            "createResourceV1DeviceClass",
            "getResourceV1APIResources",
            "readStorageV1VolumeAttributesClass",
            "replaceResourceV1NamespacedResourceClaimStatus")
        // in 1.33.0 already, or not stable
        .doesNotContain(
            "getResourceAPIGroup", "readCoreV1Namespace", "createResourceV1beta2DeviceClass");
    assertThat(newEligible).noneMatch(e -> e.startsWith("watch"));
  }

  @Test
  void allNewEligibleEndpointsConformanceTestedPasses() {
    logs.ingest(R134, logs.write(R134, FRESH, AuditLogs.hits(newEligible, conformanceTest)));
    GateReport report = gate(request());
    assertThat(report.verdict()).as(GateText.of(report)).isEqualTo(Verdict.PASS);
    assertThat(report.verdict().exitCode()).isZero();
    assertThat(report.endpoints()).hasSize(41).allMatch(e -> e.status() == Status.TESTED);
    assertThat(report.endpoints().get(0).conformanceTests()).containsExactly(conformanceTest);
    assertThat(GateText.of(report)).contains("PASS: every new eligible endpoint in 1.34.0");
  }

  @Test
  void someUntestedFailListingExactlyThose() {
    ingestAllBut(UNTESTED);
    GateReport report = gate(request());
    assertThat(report.verdict()).as(GateText.of(report)).isEqualTo(Verdict.FAIL);
    assertThat(report.verdict().exitCode()).isEqualTo(1);
    assertThat(report.untested())
        .extracting(GateEndpoint::endpoint)
        .containsExactlyElementsOf(UNTESTED);
    GateEndpoint deviceClass = report.untested().get(0);
    assertThat(deviceClass.method()).isEqualTo("POST");
    assertThat(deviceClass.path()).isEqualTo("/apis/resource.k8s.io/v1/deviceclasses");
    assertThat(deviceClass.kind()).isEqualTo("DeviceClass");
    assertThat(deviceClass.groupVersion()).isEqualTo("resource.k8s.io/v1");
    assertThat(deviceClass.otherTests()).containsExactly(OTHER_TEST);

    String text = GateText.of(report);
    assertThat(text)
        .contains(
            "new eligible endpoints in 1.34.0: 41 (38 conformance-tested, 3 untested, 0 pending)")
        .containsPattern(
            "createResourceV1DeviceClass +POST /apis/resource.k8s.io/v1/deviceclasses"
                + "  \\(DeviceClass, resource.k8s.io/v1\\)")
        .contains(OTHER_TEST)
        .contains("levels by the exact rule")
        .endsWith("FAIL: 3 new eligible endpoints in 1.34.0 without a conformance test\n");
    assertThat(text.lines().filter(l -> l.startsWith("  ") && l.contains("  (")).count())
        .isEqualTo(3);
    assertThat(text.lines().count()).isLessThan(40);
  }

  @Test
  void untestedButPendingPasses() throws IOException {
    ingestAllBut(UNTESTED);
    Path pending =
        Files.writeString(
            temp.resolve("pending.yaml"), "- " + String.join("\n- ", UNTESTED) + "\n");
    new EndpointLists(sql, reader).loadPending(Input.file(pending), R134);
    GateReport report = gate(request());
    assertThat(report.verdict()).as(GateText.of(report)).isEqualTo(Verdict.PASS);
    assertThat(report.pending())
        .extracting(GateEndpoint::endpoint)
        .containsExactlyElementsOf(UNTESTED);
    assertThat(report.untested()).isEmpty();
  }

  @Test
  void ineligibleEndpointsAreIgnored() throws IOException {
    ingestAllBut(UNTESTED);
    Path ineligible =
        Files.writeString(
            temp.resolve("ineligible.yaml"),
            "- endpoint: createResourceV1DeviceClass\n  reason: optional feature\n  link: x\n");
    new EndpointLists(sql, reader).loadIneligible(Input.file(ineligible), R134);
    GateReport report = gate(request());
    assertThat(report.endpoints()).hasSize(40);
    assertThat(report.untested())
        .extracting(GateEndpoint::endpoint)
        .containsExactly("deleteStorageV1VolumeAttributesClass", "patchResourceV1ResourceSlice");
  }

  @Test
  void noAuditRunCannotDecide() {
    GateReport report = gate(request());
    assertThat(report.verdict()).isEqualTo(Verdict.ERROR);
    assertThat(report.verdict().exitCode()).isEqualTo(2);
    assertThat(report.problems()).containsExactly("no audit run ingested for 1.34.0");
    // The endpoints are still listed, so the report says what the gate would look at.
    assertThat(report.endpoints()).hasSize(41);
  }

  @Test
  void aStaleSourceCannotDecideUnlessTheLimitAllowsIt() {
    Instant old = NOW.minus(Duration.ofDays(3));
    Path log = logs.write(R134, old, AuditLogs.hits(newEligible, conformanceTest));
    logs.ingest(R134, log);
    GateReport report = gate(request());
    assertThat(report.verdict()).isEqualTo(Verdict.ERROR);
    assertThat(report.problems())
        .singleElement()
        .asString()
        .startsWith(
            "source "
                + log
                + " is stale: its newest audit event is 2d 23h old (2026-11-17T12:00:00.005Z)")
        .endsWith("over the age limit of 2d");
    assertThat(gate(request().withMaxAge(Duration.ofDays(4))).verdict()).isEqualTo(Verdict.PASS);
  }

  @Test
  void aSourceWithoutMatchedRequestsCannotDecide() throws IOException {
    logs.ingest(R134, logs.write(R134, FRESH, AuditLogs.hits(newEligible, conformanceTest)));
    Path health =
        Files.writeString(
            temp.resolve("health.log"),
            "{\"kind\":\"Event\",\"apiVersion\":\"audit.k8s.io/v1\",\"auditID\":\"h1\","
                + "\"stage\":\"ResponseComplete\",\"requestURI\":\"/healthz\",\"verb\":\"get\","
                + "\"userAgent\":\"kubelet\",\"requestReceivedTimestamp\":\"2026-11-20T11:00:00Z\","
                + "\"stageTimestamp\":\"2026-11-20T11:00:00Z\"}\n");
    logs.ingest(R134, health);
    Path empty = Files.writeString(temp.resolve("empty.log"), "");
    logs.ingest(R134, empty);
    GateReport report = gate(request());
    assertThat(report.verdict()).isEqualTo(Verdict.ERROR);
    assertThat(report.problems())
        .containsExactlyInAnyOrder(
            "source " + health + " has no request that matches an operation of the 1.34.0 spec",
            "source " + empty + " has 0 events");
  }

  @Test
  void expectedSourcesMustHaveARun() {
    List<String> jobs = ProwRequest.apisnoopJobs();
    Path log = logs.write(R134, FRESH, AuditLogs.hits(newEligible, conformanceTest));
    logs.ingestAsProw(R134, jobs.get(0), "1900000000000000001", log);
    GateReport report = gate(request());
    // One of APISnoop's jobs has a run, so all of them are expected.
    assertThat(report.verdict()).isEqualTo(Verdict.ERROR);
    assertThat(report.problems())
        .containsExactly(
            "expected source " + jobs.get(1) + " has no audit run for 1.34.0",
            "expected source " + jobs.get(2) + " has no audit run for 1.34.0");
    assertThat(report.sources())
        .singleElement()
        .satisfies(
            s -> {
              assertThat(s.name()).isEqualTo(jobs.get(0));
              assertThat(s.buildId()).isEqualTo("1900000000000000001");
            });
    // --expect names the sources instead of the default.
    assertThat(gate(request().withExpect(List.of(jobs.get(0)))).verdict()).isEqualTo(Verdict.PASS);
    assertThat(gate(request().withExpect(List.of("ci-other-job"))).problems())
        .containsExactly("expected source ci-other-job has no audit run for 1.34.0");
  }

  @Test
  void missingSpecsAndListsCannotDecide() {
    logs.ingest(
        R133, logs.write(R133, FRESH, AuditLogs.hits(List.of("readCoreV1Namespace"), null)));
    GateReport first = gate(request().withRelease(R133));
    assertThat(first.verdict()).isEqualTo(Verdict.ERROR);
    assertThat(first.problems())
        .containsExactly(
            "no spec loaded for 1.32.0, the release before 1.33.0: which endpoints are new in"
                + " 1.33.0 cannot be told");
    GateReport next = gate(request().withRelease(Release.parse("1.35.0")));
    assertThat(next.problems())
        .containsExactly(
            "no spec loaded for 1.35.0",
            "no conformance.yaml loaded for 1.35.0 or later: tests promoted in 1.35.0 would not"
                + " count",
            "no audit run ingested for 1.35.0");
  }

  @Test
  void theWorkingReleaseIsTheDefault() {
    GateReport report = gate(request().withRelease(null));
    assertThat(report.release()).isEqualTo("1.37.0");
    assertThat(report.verdict()).isEqualTo(Verdict.ERROR);
    assertThat(report.problems().get(0)).startsWith("no spec loaded for 1.37.0");
  }

  @Test
  void regressionsAreReportedAndFailOnlyWhenAskedFor() {
    List<String> old = List.of("readCoreV1Namespace", "listCoreV1Node");
    logs.ingest(R133, logs.write(R133, FRESH, AuditLogs.hits(old, conformanceTest)));
    List<Hit> now = new ArrayList<>(AuditLogs.hits(newEligible, conformanceTest));
    now.add(new Hit("readCoreV1Namespace", conformanceTest));
    now.add(new Hit("listCoreV1Node", OTHER_TEST));
    logs.ingest(R134, logs.write(R134, FRESH, now));

    GateReport reported = gate(request());
    assertThat(reported.verdict()).isEqualTo(Verdict.PASS);
    assertThat(reported.regressions())
        .singleElement()
        .satisfies(
            r -> {
              assertThat(r.endpoint()).isEqualTo("listCoreV1Node");
              assertThat(r.previousTests()).containsExactly(conformanceTest);
              assertThat(r.otherTests()).containsExactly(OTHER_TEST);
            });
    assertThat(GateText.of(reported))
        .contains("regressions since 1.33.0: 1 (reported; they fail only when asked)");

    GateReport failing = gate(request().withRegressions(true));
    assertThat(failing.verdict()).isEqualTo(Verdict.FAIL);
    assertThat(failing.headline())
        .isEqualTo("FAIL: 1 endpoint lost every conformance test since 1.33.0");
  }

  @Test
  void regressionsNeedThePreviousReleasesRuns() {
    logs.ingest(R134, logs.write(R134, FRESH, AuditLogs.hits(newEligible, conformanceTest)));
    assertThat(gate(request()).verdict()).isEqualTo(Verdict.PASS);
    assertThat(gate(request().withRegressions(true)).problems())
        .containsExactly(
            "regressions fail the gate, but no audit run ingested for 1.33.0, the release before 1.34.0: which"
                + " endpoints lost their conformance tests cannot be told");
  }

  @Test
  void theReportsAreJunitTestgridReadsMarkdownTablesAndJson() throws Exception {
    ingestAllBut(UNTESTED);
    Path pending = Files.writeString(temp.resolve("pending.yaml"), "- " + UNTESTED.get(2) + "\n");
    new EndpointLists(sql, reader).loadPending(Input.file(pending), R134);
    GateReport report = gate(request());
    assertThat(report.verdict()).isEqualTo(Verdict.FAIL);

    Junit junit = Junit.parse(GateJunit.of(report));
    assertThat(junit.rootName()).isEqualTo("testsuites");
    assertThat(junit.suites()).isEqualTo(1);
    // inputs, then one testcase per new eligible endpoint
    assertThat(junit.testcases()).hasSize(42);
    assertThat(junit.testcases().get(0).name()).isEqualTo("inputs");
    assertThat(junit.testcases().subList(1, 42))
        .extracting(Junit.Testcase::name)
        .containsExactlyElementsOf(newEligible);
    assertThat(junit.testcases())
        .allMatch(t -> t.classname().startsWith("conformance-gate.") && t.time().equals("0"));
    assertThat(junit.testcases().stream().filter(t -> t.result().equals("failure")))
        .extracting(Junit.Testcase::name)
        .containsExactlyElementsOf(UNTESTED.subList(0, 2));
    assertThat(junit.testcases().stream().filter(t -> t.result().equals("skipped")))
        .extracting(Junit.Testcase::name)
        .containsExactly(UNTESTED.get(2));
    assertThat(junit.suiteAttribute("tests")).isEqualTo("42");
    assertThat(junit.suiteAttribute("failures")).isEqualTo("2");
    assertThat(junit.suiteAttribute("skipped")).isEqualTo("1");
    assertThat(junit.suiteAttribute("errors")).isEqualTo("0");
    assertThat(junit.failureMessage("createResourceV1DeviceClass"))
        .isEqualTo(
            "createResourceV1DeviceClass (POST /apis/resource.k8s.io/v1/deviceclasses) is new in"
                + " 1.34.0 and eligible for conformance, but no conformance test hits it");

    List<List<String>> table = Markdown.firstTable(GateMarkdown.of(report));
    assertThat(table.get(0))
        .containsExactly(
            "status", "endpoint", "method and path", "kind", "group/version", "hit by e2e tests");
    assertThat(table.subList(1, table.size()))
        .extracting(row -> row.get(0) + " " + row.get(1))
        .containsExactly(
            "untested `createResourceV1DeviceClass`",
            "untested `deleteStorageV1VolumeAttributesClass`",
            "pending `patchResourceV1ResourceSlice`");
    assertThat(table.get(1).get(5)).isEqualTo(OTHER_TEST);

    var json = AuditLogs.JSON.readTree(GateJson.of(report));
    assertThat(json.path("verdict").asText()).isEqualTo("fail");
    assertThat(json.path("exitCode").asInt()).isEqualTo(1);
    assertThat(json.path("totals").path("untested").asInt()).isEqualTo(2);
    assertThat(json.path("endpoints")).hasSize(41);
    assertThat(json.path("sources").get(0).path("ageSeconds").asLong())
        .isBetween(3 * 3600L - 1, 3 * 3600L);
  }

  @Test
  void anUndecidedGateIsAnErrorInJunit() throws Exception {
    Junit junit = Junit.parse(GateJunit.of(gate(request())));
    assertThat(junit.testcases().get(0).result()).isEqualTo("error");
    assertThat(junit.suiteAttribute("errors")).isEqualTo("1");
  }

  private void ingestAllBut(List<String> untested) {
    List<Hit> hits = new ArrayList<>();
    for (String e : newEligible) {
      if (!untested.contains(e)) {
        hits.add(new Hit(e, conformanceTest));
      }
    }
    hits.add(new Hit(untested.get(0), OTHER_TEST));
    hits.add(new Hit(untested.get(1), null));
    logs.ingest(R134, logs.write(R134, FRESH, hits));
  }

  private void loadRealIneligibleList() {
    new EndpointLists(sql, reader)
        .loadIneligible(
            Input.file(SharedData.path("apisnoop-coverage/ineligible_endpoints.json")), R134);
  }

  private GateReport gate(Request r) {
    return new ConformanceGate(sql)
        .evaluate(
            new GateRequest(
                Optional.ofNullable(r.release),
                r.expect,
                ProwRequest.apisnoopJobs(),
                r.maxAge,
                r.regressions,
                NOW));
  }

  private static Request request() {
    return new Request(R134, List.of(), GateRequest.DEFAULT_MAX_AGE, false);
  }

  /** The gate's options, changed one at a time. */
  record Request(Release release, List<String> expect, Duration maxAge, boolean regressions) {
    Request withRelease(Release r) {
      return new Request(r, expect, maxAge, regressions);
    }

    Request withExpect(List<String> e) {
      return new Request(release, e, maxAge, regressions);
    }

    Request withMaxAge(Duration d) {
      return new Request(release, expect, d, regressions);
    }

    Request withRegressions(boolean on) {
      return new Request(release, expect, maxAge, on);
    }
  }
}
