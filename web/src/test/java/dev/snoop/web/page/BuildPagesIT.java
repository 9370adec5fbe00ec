package dev.snoop.web.page;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.snoop.coverage.gate.AuditLogs;
import dev.snoop.coverage.gate.AuditLogs.Hit;
import dev.snoop.db.Database;
import dev.snoop.db.conformance.ConformanceLists;
import dev.snoop.db.conformance.ConformanceTest;
import dev.snoop.db.input.Input;
import dev.snoop.db.input.InputReader;
import dev.snoop.db.release.Release;
import dev.snoop.db.spec.LevelRule;
import dev.snoop.db.testing.MigratedDatabase;
import dev.snoop.db.testing.ReferenceData;
import dev.snoop.db.testing.SharedData;
import dev.snoop.web.ServerOptions;
import dev.snoop.web.TestClient;
import dev.snoop.web.WebServer;
import dev.snoop.web.api.BuildsApi;
import dev.snoop.web.api.OutcomesApi;
import dev.snoop.web.api.ReleasesApi;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;

/**
 * The diff and SIG API and pages, on two builds of a job written here (real 1.34.0 spec and
 * conformance list): build 1 has a conformance test listing namespaces and nodes, build 2 (the
 * newest) nodes only, plus a [sig-storage] test that is not conformance reading a namespace.
 */
@ExtendWith(MigratedDatabase.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class BuildPagesIT {
  private static final Release R134 = Release.parse("1.34.0");
  private static final String JOB = "ci-kubernetes-e2e-gci-gce";
  private static final String OTHER = "[sig-storage] a test that is not a conformance test";

  private final WebServer server;
  private final TestClient client;
  private final Browser browser;
  private final String test;

  BuildPagesIT(Database database, @TempDir Path temp) {
    InputReader reader = new InputReader(temp.resolve("cache"));
    ReferenceData.releasesAndSpec(database.dsl(), reader, R134, LevelRule.EXACT);
    List<ConformanceTest> tests =
        new ConformanceLists(database.dsl(), reader)
            .load(R134, Input.file(SharedData.path("conformance-yaml/v1.34.yaml")));
    test =
        tests.stream()
            .map(ConformanceTest::codename)
            .filter(c -> c.startsWith("[sig-apps]"))
            .findFirst()
            .orElseThrow();
    AuditLogs logs = new AuditLogs(database, temp);
    Instant time = Instant.parse("2026-11-20T09:00:00Z");
    logs.ingestAsProw(
        R134,
        JOB,
        "1",
        logs.write(
            R134,
            time,
            List.of(
                new Hit("listCoreV1Namespace", test),
                new Hit("listCoreV1Node", test),
                new Hit("readCoreV1Node", test, 404))));
    logs.ingestAsProw(
        R134,
        JOB,
        "2",
        logs.write(
            R134,
            time.plusSeconds(3600),
            List.of(
                new Hit("listCoreV1Node", test),
                new Hit("readCoreV1Namespace", OTHER),
                new Hit("readCoreV1Node", test, 404))));
    server =
        WebServer.start(
            ServerOptions.local(0),
            List.of(
                new ReleasesApi(database.dsl()),
                new BuildsApi(database.dsl()),
                new OutcomesApi(database.dsl()),
                new PageRoutes()));
    client = new TestClient(server);
    browser = new Browser(server.uri().toString());
  }

  @AfterAll
  void stop() {
    browser.close();
    server.close();
  }

  @Test
  void theDiffApiAnswersJsonMarkdownAndClearErrors() {
    JsonNode diff = client.json("/api/releases/1.34.0/diff?base=1&head=" + JOB);
    assertThat(diff.at("/base/buildId").asText()).isEqualTo("1");
    assertThat(diff.at("/head/buildId").asText()).isEqualTo("2");
    JsonNode conformance = diff.at("/kinds/1");
    assertThat(conformance.get("kind").asText()).isEqualTo("CONFORMANCE_TESTED");
    assertThat(conformance.at("/lost/0/endpoint").asText()).isEqualTo("listCoreV1Namespace");
    assertThat(conformance.at("/lost/0/tests/0").asText()).isEqualTo(test);
    assertThat(conformance.get("gained")).isEmpty();
    assertThat(diff.at("/kinds/0/gained/0/endpoint").asText()).isEqualTo("readCoreV1Namespace");

    assertThat(
            TestClient.text(client.get("/api/releases/1.34.0/diff?base=1&head=2&format=markdown")))
        .contains("| conformance-tested | 3 | 2 | 0 | 1 |");
    assertThat(client.error("/api/releases/1.34.0/diff?base=9&head=2", 404))
        .startsWith("\"9\" names no stored run of 1.34.0");
    assertThat(client.error("/api/releases/1.34.0/diff?base=1", 400)).contains("head");
  }

  @Test
  void stabilityAndSigsAnswerAsTheData() {
    JsonNode stability = client.json("/api/releases/1.34.0/stability?job=" + JOB);
    assertThat(stability.get("builds")).hasSize(2);
    assertThat(stability.at("/unstable/0/endpoint").asText()).isEqualTo("listCoreV1Namespace");
    assertThat(stability.at("/unstable/0/hitIn").asInt()).isEqualTo(1);
    JsonNode sigs = client.json("/api/releases/1.34.0/sigs").get("sigs");
    assertThat(sigs).hasSize(2);
    assertThat(sigs.at("/0/sig").asText()).isEqualTo("sig-apps");
    assertThat(sigs.at("/0/only_this_sig_endpoints/0").asText()).isEqualTo("listCoreV1Node");
    assertThat(sigs.at("/1/sig").asText()).isEqualTo("sig-storage");
  }

  /** readCoreV1Node answered the conformance test 404 in both builds; the newest one counts. */
  @Test
  void errorOnlyListsWhatConformanceTestsReachOnlyWithErrors() {
    JsonNode errorOnly = client.json("/api/releases/1.34.0/error-only");
    assertThat(errorOnly.get("release").asText()).isEqualTo("1.34.0");
    assertThat(errorOnly.get("endpoints")).hasSize(1);
    JsonNode node = errorOnly.at("/endpoints/0");
    assertThat(node.get("endpoint").asText()).isEqualTo("readCoreV1Node");
    assertThat(node.get("method").asText()).isEqualTo("GET");
    assertThat(node.get("tests")).extracting(JsonNode::asText).containsExactly(test);
    assertThat(node.get("hits").asLong()).isEqualTo(1);
    assertThat(node.get("hits_4xx").asLong()).isEqualTo(1);
    assertThat(node.get("hits_5xx").asLong()).isZero();
    assertThat(client.error("/api/releases/1.99.0/error-only", 404)).contains("1.99.0");
  }

  @Test
  void theDiffPageShowsWhatTheApiSays() {
    browser.open("/diff/1.34.0?base=1&head=" + JOB);
    browser.waitFor(() -> browser.count("#diff-summary tr[data-kind]") == 3);
    browser.screenshot("diff");
    assertThat(browser.attributes("#conformance-tested-lost tr[data-endpoint]", "data-endpoint"))
        .containsExactly("listCoreV1Namespace");
    assertThat(browser.attributes("#tested-gained tr[data-endpoint]", "data-endpoint"))
        .containsExactly("readCoreV1Namespace");
    assertThat(
            browser
                .driver
                .findElement(
                    By.cssSelector("#conformance-tested-lost tr[data-endpoint] td:nth-child(2)"))
                .getText())
        .isEqualTo(test);
    assertThat(browser.driver.findElement(By.id("sides")).getText())
        .contains("build 1 (run")
        .contains("build 2 (run");
  }

  @Test
  void theSigPageListsEachSig() {
    browser.open("/sigs/1.34.0");
    browser.waitFor(() -> browser.count("#sigs tr[data-sig]") == 2);
    assertThat(browser.attributes("#sigs tr[data-sig]", "data-sig"))
        .containsExactly("sig-apps", "sig-storage");
  }
}
