package dev.snoop.web.page;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.snoop.coverage.testing.ReplayFixture;
import dev.snoop.db.Database;
import dev.snoop.db.conformance.EndpointLists;
import dev.snoop.db.input.Input;
import dev.snoop.db.input.InputReader;
import dev.snoop.db.release.Release;
import dev.snoop.db.testing.MigratedDatabase;
import dev.snoop.db.testing.SharedData;
import dev.snoop.submissions.Verifier;
import dev.snoop.submissions.source.DirectorySubmission;
import dev.snoop.submissions.store.VerificationStore;
import dev.snoop.submissions.testlist.FileTestLists;
import dev.snoop.web.ServerOptions;
import dev.snoop.web.TestClient;
import dev.snoop.web.WebServer;
import dev.snoop.web.api.CoverageApi;
import dev.snoop.web.api.EndpointsApi;
import dev.snoop.web.api.OutcomesApi;
import dev.snoop.web.api.ReleasesApi;
import dev.snoop.web.api.VerificationsApi;
import dev.snoop.web.apisnoop.ApisnoopRoutes;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Predicate;
import java.util.stream.Collectors;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;

/**
 * The pages in headless Chromium, on a server over APISnoop's 1.33.0 coverage (the 1.33.0 spec and
 * the replay of its published file) with two of its eligible endpoints put on a pending list. What
 * the pages show is checked against the database and the API, not against the page's own code.
 */
@ExtendWith(MigratedDatabase.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class PagesIT {
  private static final String RELEASE = ReplayFixture.RELEASE.toString();

  private final Database database;
  private final WebServer server;
  private final TestClient client;
  private final Browser browser;
  private final List<String> pending;
  private List<JsonNode> endpoints;

  PagesIT(Database database, @TempDir Path temp) throws IOException {
    this.database = database;
    new ReplayFixture(database, temp);
    this.pending =
        database
            .dsl()
            .fetch(
                "select endpoint from snoop.eligible_operation where release = ?"
                    + " order by endpoint limit 2",
                RELEASE)
            .getValues(0, String.class);
    Path pendingFile =
        Files.writeString(temp.resolve("pending.yaml"), "- " + String.join("\n- ", pending) + "\n");
    new EndpointLists(database.dsl(), new InputReader(temp.resolve("cache")))
        .loadPending(Input.file(pendingFile), ReplayFixture.RELEASE);
    new VerificationStore(database.dsl())
        .record(
            new Verifier(
                    new FileTestLists(
                        new InputReader(temp.resolve("cache")),
                        SharedData.path("conformance-yaml")),
                    Release.parse("v1.31"))
                .verify(
                    DirectorySubmission.read(
                        SharedData.path("submissions/v1.30/acp"), Optional.empty())));
    this.server =
        WebServer.start(
            ServerOptions.local(0),
            List.of(
                new ReleasesApi(database.dsl()),
                new CoverageApi(database.dsl()),
                new EndpointsApi(database.dsl()),
                new OutcomesApi(database.dsl()),
                new VerificationsApi(database.dsl()),
                new ApisnoopRoutes(database.dsl()),
                new PageRoutes()));
    this.client = new TestClient(server);
    this.browser = new Browser(server.uri().toString());
  }

  @AfterAll
  void stop() {
    browser.close();
    server.close();
  }

  @Test
  void theSunburstHasOneLeafPerEndpointOfTheSpec() {
    browser.openSunburst("/");
    browser.screenshot("sunburst");
    Set<String> spec =
        Set.copyOf(
            database
                .dsl()
                .fetch(
                    "select endpoint from public.open_api where release = ? and deprecated is false",
                    RELEASE)
                .getValues(0, String.class));
    List<String> leaves = browser.attributes("#sunburst path[data-endpoint]", "data-endpoint");
    assertThat(spec).hasSizeGreaterThan(500);
    assertThat(leaves).hasSameSizeAs(spec).containsExactlyInAnyOrderElementsOf(spec);
    assertThat(browser.stat("total")).isEqualTo(spec.size());
    assertThat(select("#release").getAttribute("value")).isEqualTo(RELEASE);
  }

  @Test
  void clickingACategoryZoomsChangesTheUrlAndReloadingRestoresTheView() {
    browser.openSunburst("/" + RELEASE);
    List<JsonNode> apps =
        endpoints(
            e ->
                e.get("level").asText().equals("stable")
                    && e.get("category").asText().equals("apps"));
    assertThat(apps).isNotEmpty();

    browser.js(
        "arguments[0].dispatchEvent(new MouseEvent('click', {bubbles: true}))",
        select("#sunburst path[data-level='stable']:not([data-category])"));
    browser.waitFor(() -> browser.location().equals("/" + RELEASE + "/stable"));
    browser.js(
        "arguments[0].dispatchEvent(new MouseEvent('click', {bubbles: true}))",
        select("#sunburst path[data-level='stable'][data-category='apps']"));
    browser.waitFor(() -> browser.location().equals("/" + RELEASE + "/stable/apps"));
    browser.waitForSunburst();
    assertAppsView(apps);
    browser.screenshot("sunburst-stable-apps");

    browser.driver.navigate().refresh();
    browser.waitForSunburst();
    assertThat(browser.location()).isEqualTo("/" + RELEASE + "/stable/apps");
    assertAppsView(apps);

    browser.driver.navigate().back();
    browser.waitFor(() -> browser.location().equals("/" + RELEASE + "/stable"));
    browser.waitFor(
        () ->
            browser.stat("total")
                == endpoints(e -> e.get("level").asText().equals("stable")).size());
  }

  private void assertAppsView(List<JsonNode> apps) {
    assertThat(browser.stat("total")).isEqualTo(apps.size());
    assertThat(browser.stat("tested")).isEqualTo(count(apps, "tested"));
    assertThat(browser.stat("conformance-tested")).isEqualTo(count(apps, "conf_tested"));
    assertThat(select("#breadcrumb").getText()).contains("stable").contains("apps");
    List<String> shown =
        browser.attributes("#sunburst path[data-endpoint][fill-opacity='1']", "data-endpoint");
    assertThat(shown)
        .containsExactlyInAnyOrderElementsOf(
            apps.stream().map(e -> e.get("endpoint").asText()).toList());
  }

  @Test
  void eachFilterChangesTheStatsAsTheDataSays() {
    Map<String, Predicate<JsonNode>> filters =
        Map.of(
            "conformance-only", e -> e.get("eligible").asBoolean(),
            "exclude-ineligible",
                e ->
                    e.get("level").asText().equals("stable") && e.get("ineligible_reason").isNull(),
            "exclude-pending", e -> !e.get("pending").asBoolean());
    int all = endpoints(e -> true).size();
    for (var filter : filters.entrySet()) {
      browser.openSunburst("/" + RELEASE);
      select("#filter-" + filter.getKey()).click();
      browser.waitFor(
          () -> browser.location().equals("/" + RELEASE + "?" + filter.getKey() + "=true"));
      browser.waitForSunburst();
      List<JsonNode> kept = endpoints(filter.getValue());
      assertThat(kept.size()).as(filter.getKey()).isLessThan(all);
      assertThat(browser.stat("total")).as(filter.getKey()).isEqualTo(kept.size());
      assertThat(browser.stat("tested")).as(filter.getKey()).isEqualTo(count(kept, "tested"));
      assertThat(browser.stat("conformance-tested"))
          .as(filter.getKey())
          .isEqualTo(count(kept, "conf_tested"));
      assertThat(browser.count("#sunburst path[data-endpoint]")).isEqualTo(kept.size());

      browser.driver.navigate().refresh();
      browser.waitForSunburst();
      assertThat(browser.stat("total"))
          .as(filter.getKey() + " after reload")
          .isEqualTo(kept.size());
      assertThat(select("#filter-" + filter.getKey()).isSelected()).isTrue();
    }
    int eligibleTested =
        database
            .dsl()
            .fetchSingle(
                "select count(*) from snoop.eligible_operation e join public.endpoint_coverage c"
                    + " using (release, endpoint) where release = ? and c.conf_tested",
                RELEASE)
            .get(0, Integer.class);
    browser.openSunburst("/" + RELEASE + "?conformance-only=true");
    browser.screenshot("sunburst-conformance-only");
    assertThat(browser.stat("conformance-tested")).isEqualTo(eligibleTested);
  }

  @Test
  void endpointDepthShowsTheEndpoint() {
    browser.openSunburst("/" + RELEASE + "/stable/apps/readAppsV1NamespacedDeployment");
    browser.waitFor(
        () -> !browser.driver.findElements(By.cssSelector("#endpoint-detail")).isEmpty());
    assertThat(browser.stat("total")).isEqualTo(1);
    assertThat(field("kind")).isEqualTo("Deployment");
    assertThat(select("#sunburst path.selected").getAttribute("data-endpoint"))
        .isEqualTo("readAppsV1NamespacedDeployment");
    browser.screenshot("sunburst-endpoint");
  }

  @Test
  void theEndpointPageShowsGroupVersionKindAndTheTests() {
    browser.open("/endpoint/" + RELEASE + "/readAppsV1NamespacedDeployment");
    browser.screenshot("endpoint");
    JsonNode api =
        client.json("/api/releases/" + RELEASE + "/endpoints/readAppsV1NamespacedDeployment");
    assertThat(field("group")).isEqualTo("apps");
    assertThat(field("version")).isEqualTo("v1");
    assertThat(field("kind")).isEqualTo("Deployment");
    assertThat(field("path")).isEqualTo(api.get("path").asText());
    assertThat(browser.count("#tests tbody tr")).isEqualTo(api.get("tests").size());
    long conformance =
        StreamSupport.stream(api.get("tests").spliterator(), false)
            .filter(t -> t.get("conformance").asBoolean())
            .count();
    assertThat(conformance).isPositive();
    assertThat(
            browser.driver.findElements(By.cssSelector("#tests tbody tr[data-conformance='true']")))
        .hasSize((int) conformance);
    assertThat(browser.count("#runs tbody tr")).isEqualTo(api.get("runs").size());

    // The status classes per test and the query parameters, as the outcomes route answers them.
    JsonNode outcomes =
        client.json(
            "/api/releases/" + RELEASE + "/endpoints/readAppsV1NamespacedDeployment/outcomes");
    assertThat(browser.count("#outcomes tbody tr")).isEqualTo(outcomes.get("tests").size());
    assertThat(outcomes.get("tests").size()).isPositive();
    long successes =
        StreamSupport.stream(outcomes.get("tests").spliterator(), false)
            .filter(t -> t.get("success").asBoolean())
            .count();
    assertThat(
            browser.driver.findElements(By.cssSelector("#outcomes tbody tr[data-success='true']")))
        .hasSize((int) successes);
    // the first test's row holds its counts by status class, under their headers
    assertThat(browser.texts("#outcomes thead th"))
        .containsSequence("1xx", "2xx", "3xx", "4xx", "5xx");
    JsonNode first = outcomes.at("/tests/0");
    assertThat(browser.texts("#outcomes tbody tr:first-child td").subList(2, 7))
        .containsExactly(
            first.get("hits_1xx").asText(),
            first.get("hits_2xx").asText(),
            first.get("hits_3xx").asText(),
            first.get("hits_4xx").asText(),
            first.get("hits_5xx").asText());
    List<String> parameters =
        StreamSupport.stream(outcomes.get("parameters").spliterator(), false)
            .map(p -> p.get("parameter").asText())
            .toList();
    assertThat(parameters).contains("pretty");
    assertThat(browser.attributes("#parameters tbody tr", "data-parameter"))
        .containsExactlyElementsOf(parameters);
  }

  @Test
  void theProgressChartHasABarPerRelease() {
    browser.open("/conformance-progress");
    browser.waitFor(
        () -> !browser.driver.findElements(By.cssSelector("#progress-chart svg")).isEmpty());
    browser.screenshot("conformance-progress");
    JsonNode progress = client.json("/api/progress");
    assertThat(progress.size()).isPositive();
    List<String> bars = browser.attributes("#progress-chart g.bar", "data-release");
    List<String> releases =
        StreamSupport.stream(progress.spliterator(), false)
            .map(p -> p.get("release").asText())
            .toList();
    assertThat(bars).containsExactlyElementsOf(releases);
    assertThat(browser.count("#progress-chart g.bar a")).isEqualTo(5 * releases.size());

    select("#progress-toggle").click();
    browser.waitFor(() -> browser.location().endsWith("view=percent"));
    assertThat(select("#progress-chart .y-axis .tick:last-of-type text").getText())
        .isEqualTo("100%");
    browser.screenshot("conformance-progress-percent");
  }

  @Test
  void theEndpointListShowsTheGroupOfItsFilter() {
    browser.open("/conformance-progress/endpoints/" + RELEASE + "?filter=untested");
    browser.screenshot("conformance-endpoints");
    JsonNode file = client.json("/apisnoop/conformance-endpoints.json");
    List<String> untested = new ArrayList<>();
    for (JsonNode e : file) {
      if (e.get("tested_release").isNull()
          && compare(e.get("promotion_release").asText(), RELEASE) < 0) {
        untested.add(e.get("endpoint").asText());
      }
    }
    List<String> rows = browser.attributes("#conformance-endpoints tbody tr", "data-endpoint");
    assertThat(rows).containsExactlyInAnyOrderElementsOf(untested);
    assertThat(select("a.csv").getText()).contains(untested.size() + " rows");
  }

  @Test
  void theIneligibleAndPendingListsShowTheirEndpoints() {
    browser.open("/conformance-progress/ineligible-endpoints");
    browser.screenshot("ineligible-endpoints");
    List<JsonNode> ineligible = endpoints(e -> !e.get("ineligible_reason").isNull());
    assertThat(ineligible).isNotEmpty();
    assertThat(browser.count("#ineligible-endpoints tbody tr")).isEqualTo(ineligible.size());

    browser.open("/conformance-progress/pending-endpoints");
    browser.screenshot("pending-endpoints");
    assertThat(browser.attributes("#pending-endpoints tbody tr", "data-endpoint"))
        .containsExactlyInAnyOrderElementsOf(pending);
  }

  @Test
  void theGatePageShowsTheVerdict() {
    browser.open("/gate/" + RELEASE);
    browser.screenshot("gate");
    JsonNode gate = client.json("/api/releases/" + RELEASE + "/gate");
    WebElement verdict = select("#verdict");
    assertThat(verdict.getAttribute("data-verdict")).isEqualTo(gate.get("verdict").asText());
    assertThat(browser.count("#problems li")).isEqualTo(gate.get("problems").size());
    assertThat(browser.count("#new-endpoints tbody tr")).isEqualTo(gate.get("endpoints").size());
  }

  @Test
  void theVerificationsPageShowsEachVerificationWithItsChecks() {
    browser.open("/verifications");
    browser.screenshot("verifications");
    JsonNode verifications = client.json("/api/verifications");
    assertThat(verifications.size()).isPositive();
    List<WebElement> cards = browser.driver.findElements(By.cssSelector("section.verification"));
    assertThat(cards).hasSize(verifications.size());
    assertThat(cards.get(0).getAttribute("data-verdict"))
        .isEqualTo(verifications.get(0).get("verdict").asText());
    assertThat(cards.get(0).findElements(By.cssSelector("table.checks tbody tr")))
        .hasSize(verifications.get(0).get("checks").size());
  }

  @Test
  void theSearchFindsAnEndpointByKind() {
    browser.open("/gate/" + RELEASE);
    select("#search-input").sendKeys("Deployment");
    browser.waitFor(
        () ->
            !browser
                .driver
                .findElements(
                    By.cssSelector(
                        "#search-results a[data-endpoint='readAppsV1NamespacedDeployment']"))
                .isEmpty());
    browser.screenshot("search");
    select("#search-results a[data-endpoint='readAppsV1NamespacedDeployment']").click();
    browser.waitFor(() -> browser.location().startsWith("/endpoint/"));
    browser.waitFor(
        () -> !browser.driver.findElements(By.cssSelector("#endpoint-detail")).isEmpty());
    assertThat(field("kind")).isEqualTo("Deployment");
  }

  @Test
  void theLivePageWatchesTheUserAgentGivenInItsAddress() {
    browser.open("/live?useragent=my-test");
    browser.waitFor(
        () ->
            !browser
                .driver
                .findElements(By.cssSelector("#live-none, #live-result .error"))
                .isEmpty());
    browser.screenshot("live");
    assertThat(select("#useragent").getAttribute("value")).isEqualTo("my-test");
    // this server has no live sink: the agent has no event to show
    assertThat(select("#live-none").getText()).contains(RELEASE);
  }

  private String field(String name) {
    return select("#endpoint-detail dd[data-field='" + name + "']").getText();
  }

  private WebElement select(String css) {
    return browser.driver.findElement(By.cssSelector(css));
  }

  /** The release's endpoints as the API lists them, read once. */
  private List<JsonNode> endpoints(Predicate<JsonNode> keep) {
    if (endpoints == null) {
      endpoints =
          StreamSupport.stream(
                  client.json("/api/releases/" + RELEASE + "/endpoints").spliterator(), false)
              .toList();
    }
    return endpoints.stream().filter(keep).collect(Collectors.toList());
  }

  private static int count(List<JsonNode> endpoints, String flag) {
    return (int) endpoints.stream().filter(e -> e.get(flag).asBoolean()).count();
  }

  private static int compare(String a, String b) {
    return Release.parse(a).compareTo(Release.parse(b));
  }
}
