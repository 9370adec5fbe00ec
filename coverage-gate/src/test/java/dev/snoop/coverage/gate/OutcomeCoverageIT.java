package dev.snoop.coverage.gate;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.snoop.coverage.gate.GateReport.GateEndpoint;
import dev.snoop.coverage.gate.GateReport.Status;
import dev.snoop.coverage.gate.GateReport.Verdict;
import dev.snoop.coverage.outcome.OutcomeStore;
import dev.snoop.coverage.outcome.OutcomeStore.ErrorOnlyEndpoint;
import dev.snoop.coverage.outcome.OutcomeStore.ParameterUse;
import dev.snoop.coverage.outcome.OutcomeStore.TestOutcome;
import dev.snoop.coverage.outcome.OutcomeText;
import dev.snoop.db.Database;
import dev.snoop.db.conformance.ConformanceLists;
import dev.snoop.db.conformance.ConformanceTest;
import dev.snoop.db.conformance.EndpointLists;
import dev.snoop.db.input.Input;
import dev.snoop.db.input.InputReader;
import dev.snoop.db.release.Release;
import dev.snoop.db.spec.LevelRule;
import dev.snoop.db.testing.MigratedDatabase;
import dev.snoop.db.testing.QueryDoc;
import dev.snoop.db.testing.ReferenceData;
import dev.snoop.db.testing.SharedData;
import dev.snoop.ingest.prow.ProwRequest;
import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jooq.DSLContext;
import org.jooq.Record;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * Outcome and parameter coverage on the real v1.33.0 and v1.34.0 specs, v1.34's conformance.yaml
 * and APISnoop's ineligible list, with an audit log written here whose status codes, stages and
 * query strings are known: a conformance test hits every endpoint new in 1.34.0 with success but
 * one, which answers it only 404; a request logged at several stages counts once, with its last
 * code; a watch the log ends in counts with the code of its ResponseStarted.
 */
@ExtendWith(MigratedDatabase.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class OutcomeCoverageIT {
  static final Release R133 = Release.parse("1.33.0");
  static final Release R134 = Release.parse("1.34.0");
  static final Instant NOW = Instant.parse("2026-11-20T12:00:00Z");
  static final Instant FRESH = NOW.minus(Duration.ofHours(3));
  static final String ERROR_ONLY = "deleteStorageV1VolumeAttributesClass";
  static final String MIXED = "patchResourceV1ResourceSlice";
  static final String STAGED = "createResourceV1DeviceClass";
  static final String OTHER_TEST = "[sig-node] Pods a test that is not a conformance test";

  private final Database database;
  private final DSLContext sql;
  private final AuditLogs logs;
  private final Path temp;
  private final String conformanceTest;
  private final List<String> newEligible;
  private Map<String, String[]> operations;
  private int ids;

  OutcomeCoverageIT(Database database, @TempDir Path temp) throws IOException {
    this.database = database;
    this.sql = database.dsl();
    this.temp = temp;
    InputReader reader = new InputReader(temp.resolve("cache"));
    this.logs = new AuditLogs(database, temp);
    ReferenceData.releasesAndSpec(sql, reader, R133, LevelRule.EXACT);
    ReferenceData.spec(sql, reader, R134, LevelRule.EXACT);
    List<ConformanceTest> tests =
        new ConformanceLists(sql, reader)
            .load(R134, Input.file(SharedData.path("conformance-yaml/v1.34.yaml")));
    conformanceTest = tests.get(0).codename();
    new EndpointLists(sql, reader)
        .loadIneligible(
            Input.file(SharedData.path("apisnoop-coverage/ineligible_endpoints.json")), R134);
    newEligible = gate(false).endpoints().stream().map(GateEndpoint::endpoint).toList();
  }

  @BeforeAll
  void ingestTheLog() throws IOException {
    operations = new java.util.HashMap<>();
    for (Record r :
        sql.fetch("select endpoint, path, http_method from open_api where release = '1.34.0'")) {
      operations.put(
          r.get(0, String.class), new String[] {r.get(1, String.class), r.get(2, String.class)});
    }
    String conformance = agent(conformanceTest);
    List<ObjectNode> events = new ArrayList<>();
    for (String endpoint : newEligible) {
      if (endpoint.equals(ERROR_ONLY)) {
        events.add(complete(endpoint, "", conformance, 404));
        events.add(complete(endpoint, "", conformance, 404));
      } else if (endpoint.equals(MIXED)) {
        events.add(complete(endpoint, "?dryRun=All&fieldManager=e2e", conformance, 403));
        events.add(complete(endpoint, "?fieldManager=e2e", conformance, 200));
      } else if (endpoint.equals(STAGED)) {
        String id = nextId();
        events.add(stage(endpoint, "", conformance, id, "RequestReceived", -1));
        events.add(stage(endpoint, "", conformance, id, "ResponseComplete", 201));
      } else {
        events.add(complete(endpoint, "", conformance, 200));
      }
    }
    // Lists and a watch of pods: the conformance test sends watch, labelSelector, limit and
    // continue; another test sends fieldSelector; the watch is still open when the log ends.
    String watch = nextId();
    events.add(
        stage(
            "listCoreV1NamespacedPod",
            "?watch=true&labelSelector=app%3Dsecret-value",
            conformance,
            watch,
            "RequestReceived",
            -1));
    events.add(
        stage(
            "listCoreV1NamespacedPod",
            "?watch=true&labelSelector=app%3Dsecret-value",
            conformance,
            watch,
            "ResponseStarted",
            200));
    events.add(complete("listCoreV1NamespacedPod", "?limit=5&continue=tok", conformance, 200));
    events.add(complete("listCoreV1NamespacedPod", "?limit=5", conformance, 500));
    events.add(complete("listCoreV1NamespacedPod", "?fieldSelector=x%3Dy", agent(OTHER_TEST), 200));
    Path log = temp.resolve("outcomes.log");
    try (BufferedWriter out = Files.newBufferedWriter(log)) {
      for (ObjectNode event : events) {
        out.write(AuditLogs.JSON.writeValueAsString(event));
        out.newLine();
      }
    }
    logs.ingest(R134, log);
  }

  @Test
  void endpointCoverageGainsOutcomeColumnsAfterApisnoopsOnes() {
    Record errorOnly = coverage(ERROR_ONLY);
    assertThat(errorOnly.get("tested", Boolean.class)).isTrue();
    assertThat(errorOnly.get("conf_tested", Boolean.class)).isTrue();
    assertThat(errorOnly.get("success_tested", Boolean.class)).isFalse();
    assertThat(errorOnly.get("conf_success_tested", Boolean.class)).isFalse();
    assertThat(classes(errorOnly)).containsExactly(0L, 0L, 0L, 2L, 0L);
    assertThat(errorOnly.get("hits", Long.class)).isEqualTo(2);

    Record mixed = coverage(MIXED);
    assertThat(mixed.get("conf_success_tested", Boolean.class)).isTrue();
    assertThat(classes(mixed)).containsExactly(0L, 1L, 0L, 1L, 0L);

    // RequestReceived, then ResponseComplete 201: one request, one 2xx.
    Record staged = coverage(STAGED);
    assertThat(staged.get("hits", Long.class)).isEqualTo(1);
    assertThat(classes(staged)).containsExactly(0L, 1L, 0L, 0L, 0L);

    // The watch the log ends in counts with its ResponseStarted's 200.
    Record pods = coverage("listCoreV1NamespacedPod");
    assertThat(pods.get("hits", Long.class)).isEqualTo(4);
    assertThat(classes(pods)).containsExactly(0L, 3L, 0L, 0L, 1L);
    assertThat(pods.get("success_tested", Boolean.class)).isTrue();

    // APISnoop's columns keep their order; ours come after them.
    List<String> columns =
        sql.fetch(
                "select column_name::text from information_schema.columns"
                    + " where table_schema = 'public' and table_name = 'endpoint_coverage'"
                    + " order by ordinal_position")
            .getValues(0, String.class);
    assertThat(columns.subList(0, 15))
        .containsExactly(
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
            "tests",
            "level_rule",
            "hits");
    assertThat(columns.subList(15, columns.size()))
        .containsExactly(
            "success_tested",
            "conf_success_tested",
            "hits_1xx",
            "hits_2xx",
            "hits_3xx",
            "hits_4xx",
            "hits_5xx");
  }

  @Test
  void listsTheEndpointsConformanceTestsReachOnlyWithErrors() {
    List<ErrorOnlyEndpoint> errorOnly = new OutcomeStore(sql).errorOnly(R134);
    assertThat(errorOnly).extracting(ErrorOnlyEndpoint::endpoint).containsExactly(ERROR_ONLY);
    ErrorOnlyEndpoint e = errorOnly.get(0);
    assertThat(e.eligible()).isTrue();
    assertThat(e.hits4xx()).isEqualTo(2);
    assertThat(e.tests()).containsExactly(conformanceTest);

    List<TestOutcome> outcomes = new OutcomeStore(sql).testOutcomes(R134, MIXED);
    assertThat(outcomes)
        .singleElement()
        .satisfies(
            o -> {
              assertThat(o.test()).isEqualTo(conformanceTest);
              assertThat(o.conformance()).isTrue();
              assertThat(o.success()).isTrue();
              assertThat(o.hits4xx()).isEqualTo(1);
            });
    assertThat(OutcomeText.of(errorOnly, List.of()))
        .contains("endpoints conformance tests reach only with errors (no request succeeded): 1")
        .contains(ERROR_ONLY);
  }

  @Test
  void parameterCoverageSaysWhichSpecParametersConformanceTestsSend() {
    Map<String, ParameterUse> pods = new java.util.TreeMap<>();
    new OutcomeStore(sql)
        .parameters(R134, "listCoreV1NamespacedPod")
        .forEach(p -> pods.put(p.parameter(), p));
    assertThat(pods.keySet())
        .containsExactlyInAnyOrder(
            "allowWatchBookmarks",
            "continue",
            "fieldSelector",
            "labelSelector",
            "limit",
            "pretty",
            "resourceVersion",
            "resourceVersionMatch",
            "sendInitialEvents",
            "timeoutSeconds",
            "watch");
    assertThat(pods.values().stream().filter(ParameterUse::conformanceUsed))
        .extracting(ParameterUse::parameter)
        .containsExactlyInAnyOrder("continue", "labelSelector", "limit", "watch");
    assertThat(pods.get("limit").conformanceHits()).isEqualTo(2);
    assertThat(pods.get("watch").conformanceTests()).containsExactly(conformanceTest);
    ParameterUse fieldSelector = pods.get("fieldSelector");
    assertThat(fieldSelector.conformanceUsed()).isFalse();
    assertThat(fieldSelector.testedUsed()).isTrue();

    // Names only: no value of a query string is stored anywhere.
    assertThat(
            sql.fetchOne(
                    "select count(*) from snoop.parameter_hit where parameter like '%=%'"
                        + " or parameter like '%secret%'")
                .get(0, Long.class))
        .isZero();
  }

  @Test
  void theGateCountsErrorHitsByDefaultAndNotWhenSuccessIsRequired() {
    GateReport lenient = gate(false);
    assertThat(lenient.verdict()).as(GateText.of(lenient)).isEqualTo(Verdict.PASS);
    assertThat(lenient.errorOnly()).extracting(GateEndpoint::endpoint).containsExactly(ERROR_ONLY);
    assertThat(GateText.of(lenient))
        .contains(
            "1 new eligible endpoint reached by conformance tests only with errors: counted as"
                + " tested");
    assertThat(GateJson.of(lenient)).contains("\"errorOnly\" : 1");

    GateReport strict = gate(true);
    assertThat(strict.verdict()).as(GateText.of(strict)).isEqualTo(Verdict.FAIL);
    assertThat(strict.verdict().exitCode()).isEqualTo(1);
    assertThat(strict.untested()).extracting(GateEndpoint::endpoint).containsExactly(ERROR_ONLY);
    assertThat(strict.endpoints())
        .filteredOn(e -> e.endpoint().equals(MIXED))
        .singleElement()
        .extracting(GateEndpoint::status)
        .isEqualTo(Status.TESTED);
    assertThat(GateText.of(strict))
        .contains("not counted as tested (success required)")
        .endsWith(
            "FAIL: 1 new eligible endpoint in 1.34.0 without a successful conformance test\n");
    assertThat(GateJunit.of(strict)).contains("reach it only with errors");
  }

  @Test
  void theDocsQueriesAnswerEachQuestion() {
    List<String> q =
        QueryDoc.section("Outcomes and query parameters").stream()
            .map(QueryDoc.Example::sql)
            .toList();
    assertThat(q).hasSize(4);
    assertThat(sql.fetch(q.get(0)).getValues("endpoint", String.class)).containsExactly(ERROR_ONLY);
    assertThat(sql.fetch(q.get(1)).getValues("endpoint", String.class)).containsExactly(ERROR_ONLY);
    var perTest = sql.fetch(q.get(2));
    assertThat(perTest.getValues("test", String.class)).containsExactly(conformanceTest);
    assertThat(perTest.getValues("hits_4xx", Long.class)).containsExactly(2L);
    var parameters = sql.fetchOne(q.get(3));
    assertThat(parameters.get("used", String[].class))
        .containsExactly("continue", "labelSelector", "limit", "watch");
    assertThat(parameters.get("never_used", String[].class)).contains("fieldSelector", "pretty");
  }

  private Record coverage(String endpoint) {
    return sql.fetchOne(
        "select * from endpoint_coverage where release = '1.34.0' and endpoint = {0}", endpoint);
  }

  private static List<Long> classes(Record r) {
    return List.of(
        r.get("hits_1xx", Long.class),
        r.get("hits_2xx", Long.class),
        r.get("hits_3xx", Long.class),
        r.get("hits_4xx", Long.class),
        r.get("hits_5xx", Long.class));
  }

  private GateReport gate(boolean requireSuccess) {
    return new ConformanceGate(sql)
        .evaluate(
            new GateRequest(
                Optional.of(R134),
                List.of(),
                ProwRequest.apisnoopJobs(),
                GateRequest.DEFAULT_MAX_AGE,
                false,
                NOW,
                requireSuccess));
  }

  private static String agent(String test) {
    return "e2e.test/v1.34.0 (linux/amd64) kubernetes/0000000 -- " + test;
  }

  private String nextId() {
    return "outcome-" + (++ids);
  }

  private ObjectNode complete(String endpoint, String query, String agent, int code) {
    return stage(endpoint, query, agent, nextId(), "ResponseComplete", code);
  }

  /** An event of a request to an operation of the 1.34.0 spec, at one stage. */
  private ObjectNode stage(
      String endpoint, String query, String agent, String id, String stage, int code) {
    String[] operation = operations.get(endpoint);
    ObjectNode event =
        dev.snoop.coverage.testing.TestEvents.event(operation[0], operation[1], agent, FRESH);
    event.put("auditID", id).put("stage", stage);
    event.put("requestURI", event.get("requestURI").asText() + query);
    if (endpoint.startsWith("list")) {
      event.put("verb", query.contains("watch=true") ? "watch" : "list");
    }
    if (code < 0) {
      event.remove("responseStatus");
    } else {
      event.putObject("responseStatus").put("code", code);
    }
    return event;
  }
}
