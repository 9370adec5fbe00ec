package dev.snoop.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.snoop.db.Database;
import dev.snoop.db.testing.MigratedDatabase;
import dev.snoop.db.testing.SharedData;
import dev.snoop.ingest.matcher.HttpMethod;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.stream.StreamSupport;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.w3c.dom.Document;

/**
 * snoop gate end to end: the real v1.33.0 and v1.34.0 specs, v1.34's conformance.yaml, APISnoop's
 * ineligible list, and an audit log written here; exit codes 2, 1, 0 in turn as inputs arrive.
 */
@ExtendWith(MigratedDatabase.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class GateCliIT {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String LEFT_OUT = "createResourceV1DeviceClass";
  private final String dbUrl;
  private final Path temp;
  private String conformanceTest;

  GateCliIT(Database database, @TempDir Path temp) throws IOException {
    this.dbUrl = database.jdbcUrl();
    this.temp = temp;
    ok("load", "releases", "--file", data("apisnoop-coverage/releases.yaml"));
    for (String release : List.of("1.33.0", "1.34.0")) {
      ok(
          "load",
          "spec",
          "--release",
          release,
          "--file",
          data("openapi/v" + release + "/swagger.json"));
    }
    ok("load", "conformance", "--release", "1.34.0", "--file", data("conformance-yaml/v1.34.yaml"));
    ok("load", "ineligible", "--file", data("apisnoop-coverage/ineligible_endpoints.json"));
    conformanceTest =
        ok(
                "sql",
                "--format",
                "csv",
                "select codename from conformance.test order by codename limit 1")
            .out()
            .lines()
            .skip(1)
            .findFirst()
            .orElseThrow()
            .replaceAll("^\"|\"$", "");
  }

  @Test
  @Order(1)
  void withoutAuditRunsTheGateCannotDecideAndSaysSoInEveryReport() throws Exception {
    Path out = temp.resolve("undecided");
    SnoopRun run = gate(out);
    assertThat(run.exit()).isEqualTo(2);
    assertThat(run.err()).isEqualTo("ERROR: no audit run ingested for 1.34.0\n");
    assertThat(run.out()).contains("CANNOT DECIDE").contains("ERROR: cannot decide for 1.34.0");
    Document junit = xml(out.resolve("junit_gate.xml"));
    assertThat(junit.getElementsByTagName("error").getLength()).isEqualTo(1);
    assertThat(Files.readString(out.resolve("gate.md"))).contains("The gate cannot decide");
    assertThat(JSON.readTree(out.resolve("gate.json").toFile()).path("exitCode").asInt())
        .isEqualTo(2);
  }

  @Test
  @Order(2)
  void anUntestedNewEndpointFailsTheGate() throws Exception {
    assertThat(gate(temp.resolve("before")).exit()).isEqualTo(2);
    JsonNode endpoints = JSON.readTree(read("before/gate.json")).path("endpoints");
    assertThat(endpoints).hasSize(41);
    StringBuilder log = new StringBuilder();
    String time = Instant.now().minus(1, ChronoUnit.HOURS).toString();
    int n = 0;
    for (JsonNode e : endpoints) {
      if (!e.path("endpoint").asText().equals(LEFT_OUT)) {
        log.append(event("g" + n++, e.path("method").asText(), e.path("path").asText(), time));
      }
    }
    Path file = Files.writeString(temp.resolve("audit.log"), log);
    ok("ingest", "--release", "1.34.0", file.toString());

    Path out = temp.resolve("failing");
    SnoopRun run = gate(out);
    assertThat(run.exit()).as(run.out() + run.err()).isEqualTo(1);
    assertThat(run.err()).isEmpty();
    assertThat(run.out())
        .containsPattern(LEFT_OUT + " +POST /apis/resource.k8s.io/v1/deviceclasses")
        .contains(
            "new eligible endpoints in 1.34.0: 41 (40 conformance-tested, 1 untested, 0 pending)")
        .endsWith("FAIL: 1 new eligible endpoint in 1.34.0 without a conformance test\n");
    Document junit = xml(out.resolve("junit_gate.xml"));
    assertThat(junit.getElementsByTagName("testcase").getLength()).isEqualTo(42);
    assertThat(junit.getElementsByTagName("failure").getLength()).isEqualTo(1);
    assertThat(Files.readString(out.resolve("gate.md")))
        .contains(
            "| status | endpoint | method and path | kind | group/version | hit by e2e tests |\n|---|---|---|---|---|---|\n| untested | `"
                + LEFT_OUT
                + "` |");
  }

  @Test
  @Order(3)
  void aPendingEndpointPassesAndAStaleSourceDoesNot() throws IOException {
    Path pending = Files.writeString(temp.resolve("pending.yaml"), "- " + LEFT_OUT + "\n");
    ok("load", "pending", "--file", pending.toString());
    SnoopRun run = gate(temp.resolve("passing"));
    assertThat(run.exit()).as(run.out() + run.err()).isZero();
    assertThat(run.out())
        .endsWith("PASS: every new eligible endpoint in 1.34.0 is conformance-tested or pending\n");

    SnoopRun stale = snoop("gate", "--release", "1.34.0", "--max-age", "30m");
    assertThat(stale.exit()).isEqualTo(2);
    assertThat(stale.err())
        .startsWith("ERROR: source ")
        .contains(" is stale: ")
        .contains("over the age limit of 30m");
    SnoopRun missing =
        snoop("gate", "--release", "1.34.0", "--expect", "ci-kubernetes-gce-conformance-latest");
    assertThat(missing.exit()).isEqualTo(2);
    assertThat(missing.err())
        .isEqualTo(
            "ERROR: expected source ci-kubernetes-gce-conformance-latest has no audit run for 1.34.0\n");
    SnoopRun bad = snoop("gate", "--max-age", "soon");
    assertThat(bad.exit()).isEqualTo(2);
    assertThat(bad.err())
        .isEqualTo("ERROR: \"soon\" is not a duration (e.g. 48h, 2d, 1h30m, PT48H)\n");
  }

  @Test
  @Order(4)
  void errorOnlyHitsPassByDefaultAndFailWhenSuccessIsRequired() throws IOException {
    JsonNode endpoints = JSON.readTree(read("before/gate.json")).path("endpoints");
    String refused = "readStorageV1VolumeAttributesClass";
    StringBuilder log = new StringBuilder();
    String time = Instant.now().minus(1, ChronoUnit.HOURS).toString();
    int n = 0;
    for (JsonNode e : endpoints) {
      String endpoint = e.path("endpoint").asText();
      if (!endpoint.equals(LEFT_OUT)) {
        boolean refuse = endpoint.equals(refused);
        String uri = e.path("path").asText() + (refuse ? "?pretty=true" : "");
        log.append(event("e" + n++, e.path("method").asText(), uri, time, refuse ? 404 : 200));
      }
    }
    // The same source again: it replaces the run of the earlier test.
    ok(
        "ingest",
        "--release",
        "1.34.0",
        Files.writeString(temp.resolve("audit.log"), log).toString());

    SnoopRun lenient = snoop("gate", "--release", "1.34.0");
    assertThat(lenient.exit()).as(lenient.out() + lenient.err()).isZero();
    assertThat(lenient.out())
        .contains(
            "1 new eligible endpoint reached by conformance tests only with errors: counted as"
                + " tested")
        .contains(refused);

    SnoopRun strict = snoop("gate", "--release", "1.34.0", "--require-success");
    assertThat(strict.exit()).as(strict.out() + strict.err()).isEqualTo(1);
    assertThat(strict.out())
        .containsPattern(refused + " +GET /apis/storage.k8s.io/v1/volumeattributesclasses/\\{name}")
        .endsWith(
            "FAIL: 1 new eligible endpoint in 1.34.0 without a successful conformance test\n");

    // snoop coverage's JSON: APISnoop's counts at the top as before, then what snoop adds
    JsonNode coverage =
        JSON.readTree(ok("coverage", "--release", "1.34.0", "--format", "json").out());
    assertThat(coverage.at("/eligible/conformanceTested").asInt()).isPositive();
    assertThat(coverage.get("errorOnly")).hasSize(1);
    assertThat(coverage.at("/errorOnly/0/endpoint").asText()).isEqualTo(refused);
    assertThat(coverage.at("/errorOnly/0/hits_4xx").asLong()).isEqualTo(1);
    assertThat(coverage.at("/errorOnly/0/tests/0").asText()).isEqualTo(conformanceTest);
    JsonNode pretty =
        StreamSupport.stream(coverage.get("parameters").spliterator(), false)
            .filter(p -> p.get("parameter").asText().equals("pretty"))
            .findFirst()
            .orElseThrow();
    assertThat(pretty.get("conformance_used").asInt()).isEqualTo(1);
    assertThat(pretty.get("endpoints").asInt()).isGreaterThan(100);
    assertThat(coverage.get("sigs")).hasSize(1);
    assertThat(coverage.at("/sigs/0/sig").asText())
        .isEqualTo(conformanceTest.replaceAll("^.*?\\[(sig-[^\\]]+)\\].*$", "$1"));
    assertThat(coverage.at("/sigs/0/endpoints").asInt()).isEqualTo(n);
    assertThat(ok("coverage", "--release", "1.34.0").out())
        .contains(
            "endpoints conformance tests reach only with errors (no request succeeded): 1 (1"
                + " eligible)")
        .contains(refused);

    SnoopRun missing =
        snoop(
            "gate",
            "--release",
            "1.34.0",
            "--require-success",
            "--expect",
            "ci-kubernetes-gce-conformance-latest");
    assertThat(missing.exit()).isEqualTo(2);
  }

  private SnoopRun gate(Path out) {
    return snoop(
        "gate",
        "--release",
        "1.34.0",
        "--junit",
        out.resolve("junit_gate.xml").toString(),
        "--markdown",
        out.resolve("gate.md").toString(),
        "--json",
        out.resolve("gate.json").toString());
  }

  private String read(String relative) throws IOException {
    return Files.readString(temp.resolve(relative));
  }

  private String event(String id, String method, String path, String time) {
    return event(id, method, path, time, 200);
  }

  private String event(String id, String method, String path, String time, int code) {
    String verb = HttpMethod.of(method).auditVerb(null);
    return "{\"kind\":\"Event\",\"apiVersion\":\"audit.k8s.io/v1\",\"level\":\"Metadata\","
        + "\"auditID\":\""
        + id
        + "\",\"stage\":\"ResponseComplete\",\"requestURI\":\""
        + path.replaceAll("\\{[^}]+}", "x")
        + "\",\"verb\":\""
        + verb
        + "\",\"userAgent\":\"e2e.test/v1.34.0 (linux/amd64) kubernetes/0000000 -- "
        + conformanceTest.replace("\"", "\\\"")
        + "\",\"responseStatus\":{\"code\":"
        + code
        + "},"
        + "\"requestReceivedTimestamp\":\""
        + time
        + "\",\"stageTimestamp\":\""
        + time
        + "\"}\n";
  }

  private static Document xml(Path file) throws Exception {
    return DocumentBuilderFactory.newInstance().newDocumentBuilder().parse(file.toFile());
  }

  private SnoopRun ok(String... args) {
    SnoopRun run = snoop(args);
    assertThat(run.exit()).as(String.join(" ", args) + ": " + run.err()).isZero();
    return run;
  }

  private SnoopRun snoop(String... args) {
    return SnoopRun.of(dbUrl, temp.resolve("cache"), args);
  }

  private static String data(String relative) {
    return SharedData.path(relative).toString();
  }
}
