package dev.snoop.web.api;

import static dev.snoop.coverage.testing.ReplayFixture.streamOf;
import static dev.snoop.web.TestClient.JSON;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.snoop.coverage.CoverageJson;
import dev.snoop.coverage.CoverageReport;
import dev.snoop.coverage.testing.ReplayFixture;
import dev.snoop.db.Database;
import dev.snoop.db.conformance.ConformanceTest;
import dev.snoop.db.input.InputReader;
import dev.snoop.db.release.Release;
import dev.snoop.db.testing.MigratedDatabase;
import dev.snoop.db.testing.SharedData;
import dev.snoop.submissions.Verification;
import dev.snoop.submissions.Verifier;
import dev.snoop.submissions.source.DirectorySubmission;
import dev.snoop.submissions.store.VerificationStore;
import dev.snoop.submissions.testlist.FileTestLists;
import dev.snoop.web.ServerOptions;
import dev.snoop.web.TestClient;
import dev.snoop.web.WebServer;
import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Predicate;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * The JSON API over APISnoop's 1.33.0 coverage (the 1.33.0 spec and the replay of its published
 * file): each route's answer checked against APISnoop's published 1.33.0.json and lists, and its
 * 404 and 400 answers.
 */
@ExtendWith(MigratedDatabase.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ApiIT {
  private final Database database;
  private final ReplayFixture fixture;
  private final WebServer server;
  private final TestClient client;
  private final Verification verification;

  ApiIT(Database database, @TempDir Path temp) throws IOException {
    this.database = database;
    this.fixture = new ReplayFixture(database, temp);
    this.verification =
        new Verifier(
                new FileTestLists(
                    new InputReader(temp.resolve("cache")), SharedData.path("conformance-yaml")),
                Release.parse("v1.31"))
            .verify(
                DirectorySubmission.read(
                    SharedData.path("submissions/v1.30/acp"), Optional.empty()));
    new VerificationStore(database.dsl()).record(verification);
    this.server =
        WebServer.start(
            ServerOptions.local(0),
            List.of(
                new CoverageApi(database.dsl()),
                new EndpointsApi(database.dsl()),
                new VerificationsApi(database.dsl())));
    this.client = new TestClient(server);
  }

  @AfterAll
  void stop() {
    server.close();
  }

  @Test
  void coverageIsWhatSnoopCoveragePrintsWithApisnoopsCounts() throws IOException {
    JsonNode coverage = client.json("/api/releases/1.33.0/coverage");
    assertThat(coverage)
        .isEqualTo(
            JSON.readTree(
                CoverageJson.of(CoverageReport.read(database.dsl(), ReplayFixture.RELEASE))));
    assertThat(coverage.path("all").path("endpoints").asInt())
        .isEqualTo(fixture.published.path("total endpoints").asInt())
        .isEqualTo(843);
    assertThat(coverage.path("all").path("tested").asInt())
        .isEqualTo(fixture.published.path("tested endpoints").asInt());
    // snoop's additions after APISnoop's counts; the replayed log's tests carry [sig-x] tags
    assertThat(coverage.get("errorOnly").isArray()).isTrue();
    assertThat(coverage.get("parameters")).isNotEmpty();
    assertThat(coverage.at("/sigs/0/sig").asText()).startsWith("sig-");
    // The same release by its other names.
    assertThat(client.json("/api/releases/latest/coverage")).isEqualTo(coverage);
    assertThat(client.json("/api/releases/1.33/coverage")).isEqualTo(coverage);
    assertThat(client.json("/api/releases/v1.33.0/coverage")).isEqualTo(coverage);
  }

  @Test
  void anUnknownReleaseIsA404AndNoReleaseA400() {
    assertThat(client.error("/api/releases/1.99.0/coverage", 404)).contains("1.99.0");
    assertThat(client.error("/api/releases/1.32.0/endpoints", 404)).contains("1.32.0");
    assertThat(client.error("/api/releases/1.99/gate", 404)).contains("1.99.0");
    assertThat(client.error("/api/releases/banana/coverage", 400))
        .startsWith("parameter release:")
        .contains("banana");
    assertThat(client.error("/api/search?q=pod&release=2.x", 400)).startsWith("parameter release:");
  }

  @Test
  void endpointsListEveryEndpointOfApisnoopsFileWithItsFlags() {
    JsonNode endpoints = client.json("/api/releases/1.33.0/endpoints");
    Map<String, JsonNode> published = fixture.publishedEndpoints();
    assertThat(endpoints).hasSize(published.size());
    for (JsonNode e : endpoints) {
      JsonNode theirs = published.get(e.path("endpoint").asText());
      assertThat(theirs).as(e.path("endpoint").asText()).isNotNull();
      for (String field :
          List.of("path", "level", "category", "group", "version", "kind", "action")) {
        assertThat(e.path(field)).as(field).isEqualTo(theirs.path(field));
      }
      assertThat(e.path("tested")).isEqualTo(theirs.path("tested"));
      assertThat(e.path("conf_tested")).isEqualTo(theirs.path("conf_tested"));
      // Only 1.33.0 is loaded: every endpoint first appears in it and is new.
      assertThat(e.path("first_release").asText()).isEqualTo("1.33.0");
      assertThat(e.path("new").asBoolean()).isTrue();
    }
    assertThat(fieldNames(endpoints.get(0)))
        .containsExactly(
            "endpoint",
            "path",
            "method",
            "level",
            "category",
            "group",
            "version",
            "kind",
            "action",
            "description",
            "tested",
            "conf_tested",
            "eligible",
            "ineligible_reason",
            "ineligible_link",
            "pending",
            "first_release",
            "new");
  }

  @Test
  void eachFilterKeepsTheEndpointsItNames() throws IOException {
    List<JsonNode> all = streamOf(fixture.published.path("endpoints")).toList();
    Set<String> ineligible =
        streamOf(fixture.ineligible())
            .map(i -> i.path("endpoint").asText())
            .collect(Collectors.toSet());
    Predicate<JsonNode> stable = e -> e.path("level").asText().equals("stable");
    Predicate<JsonNode> eligible =
        stable.and(e -> !ineligible.contains(e.path("endpoint").asText()));
    Predicate<JsonNode> tested = e -> e.path("tested").asBoolean();
    Predicate<JsonNode> conformance = e -> e.path("conf_tested").asBoolean();
    Predicate<JsonNode> core = e -> e.path("category").asText().equals("core");

    Map<String, Predicate<JsonNode>> filters = new HashMap<>();
    filters.put("level=stable", stable);
    filters.put("level=alpha", e -> e.path("level").asText().equals("alpha"));
    filters.put("tested=true", tested);
    filters.put("tested=false", tested.negate());
    filters.put("conformance=true", conformance);
    filters.put("conformance=false", conformance.negate());
    filters.put("eligible=true", eligible);
    filters.put("eligible=false", eligible.negate());
    filters.put("category=core", core);
    filters.put("eligible=true&conformance=false", eligible.and(conformance.negate()));
    filters.put("level=stable&category=core&tested=true", stable.and(core).and(tested));
    filters.forEach(
        (query, filter) -> {
          List<String> expected =
              all.stream().filter(filter).map(e -> e.path("endpoint").asText()).sorted().toList();
          JsonNode answer = client.json("/api/releases/1.33.0/endpoints?" + query);
          assertThat(answer.findValuesAsText("endpoint")).as(query).isEqualTo(expected);
          assertThat(expected).as(query).isNotEmpty().hasSizeLessThan(all.size());
        });
  }

  @Test
  void badFilterValuesAreA400NamingTheParameter() {
    assertThat(client.error("/api/releases/1.33.0/endpoints?tested=maybe", 400))
        .startsWith("parameter tested:")
        .contains("maybe");
    assertThat(client.error("/api/releases/1.33.0/endpoints?level=x", 400))
        .startsWith("parameter level:");
    assertThat(client.error("/api/releases/1.33.0/endpoints?conformance=1", 400))
        .startsWith("parameter conformance:");
    assertThat(client.error("/api/releases/1.33.0/endpoints?eligible=yes", 400))
        .startsWith("parameter eligible:");
    assertThat(client.error("/api/releases/1.33.0/endpoints?format=xml", 400))
        .startsWith("parameter format:");
  }

  @Test
  void csvHasTheJsonColumnsAndRows() {
    HttpResponse<byte[]> response =
        client.get("/api/releases/1.33.0/endpoints?format=csv&level=stable");
    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(response.headers().firstValue("Content-Type"))
        .hasValueSatisfying(t -> assertThat(t).startsWith("text/csv"));
    List<List<String>> rows = Csv.parse(TestClient.text(response));
    JsonNode json = client.json("/api/releases/1.33.0/endpoints?level=stable");
    assertThat(rows.get(0)).isEqualTo(fieldNames(json.get(0)));
    assertThat(rows).hasSize(json.size() + 1);
    for (int i = 0; i < json.size(); i++) {
      List<String> expected = new ArrayList<>();
      json.get(i).forEach(v -> expected.add(v.isNull() ? "" : v.asText()));
      assertThat(rows.get(i + 1)).isEqualTo(expected);
    }
    // Descriptions hold commas and quotes, so quoting was exercised.
    assertThat(TestClient.text(response)).contains("\"");
  }

  @Test
  void anEndpointShowsItsGroupVersionKindTestsAndRuns() {
    JsonNode e = client.json("/api/releases/1.33.0/endpoints/readAppsV1NamespacedDeployment");
    JsonNode theirs = fixture.publishedEndpoints().get("readAppsV1NamespacedDeployment");
    assertThat(e.path("group").asText()).isEqualTo("apps");
    assertThat(e.path("version").asText()).isEqualTo("v1");
    assertThat(e.path("kind").asText()).isEqualTo("Deployment");
    assertThat(e.path("method").asText()).isEqualTo("get");
    assertThat(e.path("eligible").asBoolean()).isTrue();
    assertThat(e.path("ineligible_reason").isNull()).isTrue();

    Set<String> codenames =
        fixture.conformanceTests.stream()
            .map(ConformanceTest::codename)
            .collect(Collectors.toSet());
    List<String> named = new ArrayList<>();
    theirs
        .path("tests")
        .forEach(
            t -> {
              if (!t.isNull() && !t.asText().isEmpty()) {
                named.add(t.asText());
              }
            });
    assertThat(e.path("tests").findValuesAsText("test")).containsExactlyInAnyOrderElementsOf(named);
    for (JsonNode t : e.path("tests")) {
      assertThat(t.path("conformance").asBoolean())
          .as(t.path("test").asText())
          .isEqualTo(codenames.contains(t.path("test").asText()));
      assertThat(t.path("hits").asLong()).isPositive();
    }
    assertThat(e.path("tests").findValuesAsText("conformance")).contains("true", "false");

    // Both runs of the fixture, each with its hits on the endpoint.
    assertThat(e.path("runs")).hasSize(2);
    long testHits = 0;
    for (JsonNode t : e.path("tests")) {
      testHits += t.path("hits").asLong();
    }
    long runHits = 0;
    for (JsonNode r : e.path("runs")) {
      assertThat(r.path("run_id").asLong()).isPositive();
      assertThat(r.path("source").asText()).isNotEmpty();
      runHits += r.path("hits").asLong();
    }
    assertThat(runHits).isGreaterThanOrEqualTo(testHits).isPositive();
  }

  @Test
  void anIneligibleEndpointCarriesTheListsReasonAndLink() throws IOException {
    JsonNode listed =
        streamOf(fixture.ineligible())
            .filter(i -> fixture.publishedEndpoints().containsKey(i.path("endpoint").asText()))
            .filter(i -> !i.path("link").asText().isEmpty())
            .findFirst()
            .orElseThrow();
    JsonNode e = client.json("/api/releases/1.33.0/endpoints/" + listed.path("endpoint").asText());
    assertThat(e.path("eligible").asBoolean()).isFalse();
    assertThat(e.path("ineligible_reason")).isEqualTo(listed.path("reason"));
    assertThat(e.path("ineligible_link")).isEqualTo(listed.path("link"));
  }

  @Test
  void anUnknownEndpointIsA404() {
    assertThat(client.error("/api/releases/1.33.0/endpoints/readNoSuchThing", 404))
        .contains("readNoSuchThing");
  }

  @Test
  void searchFindsByOperationIdPathOrKindBestFirst() {
    JsonNode exact = client.json("/api/search?q=readCoreV1Namespace");
    assertThat(exact.get(0).path("endpoint").asText()).isEqualTo("readCoreV1Namespace");
    JsonNode byKind = client.json("/api/search?q=cronjob&release=1.33");
    assertThat(byKind).isNotEmpty().hasSizeLessThanOrEqualTo(EndpointsApi.SEARCH_LIMIT);
    assertThat(byKind.findValuesAsText("kind")).allMatch(k -> k.equals("CronJob"));
    JsonNode byPath =
        client.json("/api/search?q=/apis/apps/v1/namespaces/%7Bnamespace%7D/deployments");
    assertThat(byPath.findValuesAsText("path"))
        .allMatch(p -> p.startsWith("/apis/apps/v1/namespaces/{namespace}/deployments"));
    assertThat(byPath).isNotEmpty();
    assertThat(client.json("/api/search?q=pod")).hasSize(EndpointsApi.SEARCH_LIMIT);
    assertThat(client.error("/api/search", 400)).startsWith("parameter q:");
  }

  @Test
  void progressIsApisnoopsConformanceProgress() {
    JsonNode progress = client.json("/api/progress");
    assertThat(progress).hasSize(1);
    JsonNode release = progress.get(0);
    assertThat(release.path("release").asText()).isEqualTo("1.33.0");
    assertThat(fieldNames(release.path("total")))
        .containsExactly(
            "endpoints",
            "tested",
            "new",
            "new_with_tests",
            "old_tested",
            "new_tested",
            "still_untested");
  }

  @Test
  void gateIsSnoopGatesReport() {
    JsonNode gate = client.json("/api/releases/1.33.0/gate");
    assertThat(gate.path("release").asText()).isEqualTo("1.33.0");
    // Only 1.33.0's spec is loaded: the gate cannot tell which endpoints are new, so it errs.
    assertThat(gate.path("verdict").asText()).isEqualTo("error");
    assertThat(gate.path("exitCode").asInt()).isEqualTo(2);
    List<String> problems = new ArrayList<>();
    gate.path("problems").forEach(p -> problems.add(p.asText()));
    assertThat(problems).anyMatch(p -> p.contains("1.32.0"));
    assertThat(gate.path("sources")).hasSize(2);
    assertThat(client.json("/api/releases/latest/gate").path("release").asText())
        .isEqualTo("1.33.0");
  }

  @Test
  void verificationsListWhatTheStoreHolds() {
    JsonNode all = client.json("/api/verifications");
    assertThat(all).hasSize(1);
    JsonNode v = all.get(0);
    assertThat(v.path("title").asText()).isEqualTo(verification.title());
    assertThat(v.path("verdict").asText()).isEqualTo(verification.verdict().id());
    List<String> labels = new ArrayList<>();
    v.path("labels").forEach(l -> labels.add(l.asText()));
    assertThat(labels).isEqualTo(verification.labels());
    assertThat(v.path("checks").findValuesAsText("id"))
        .isEqualTo(verification.checks().stream().map(c -> c.id()).toList());
    assertThat(v.path("comment").asText()).isEqualTo(verification.comment());
    assertThat(client.error("/api/verifications?limit=0", 400)).startsWith("parameter limit:");
  }

  static List<String> fieldNames(JsonNode node) {
    List<String> names = new ArrayList<>();
    node.fieldNames().forEachRemaining(names::add);
    return names;
  }
}
