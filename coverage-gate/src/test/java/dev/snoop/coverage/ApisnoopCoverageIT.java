package dev.snoop.coverage;

import static dev.snoop.coverage.testing.ReplayFixture.JSON;
import static dev.snoop.coverage.testing.ReplayFixture.RELEASE;
import static dev.snoop.coverage.testing.ReplayFixture.streamOf;
import static dev.snoop.db.jooq.public_.Tables.ENDPOINT_COVERAGE;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.snoop.coverage.export.ApisnoopExporter;
import dev.snoop.coverage.testing.ReplayFixture;
import dev.snoop.db.Database;
import dev.snoop.db.conformance.ConformanceTest;
import dev.snoop.db.testing.MigratedDatabase;
import dev.snoop.db.testing.SharedData;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.jooq.DSLContext;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * With the replay of APISnoop's 1.33.0 output ingested against the v1.33.0 spec under the apisnoop
 * level rule, the coverage views and the export give APISnoop's 1.33.0.json.
 */
@ExtendWith(MigratedDatabase.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ApisnoopCoverageIT {
  private final DSLContext sql;
  private final ReplayFixture fixture;
  private final Path exported;

  ApisnoopCoverageIT(Database database, @TempDir Path temp) throws IOException {
    this.sql = database.dsl();
    this.fixture = new ReplayFixture(database, temp);
    this.exported = temp.resolve("export");
    new ApisnoopExporter(sql).export(RELEASE, exported);
  }

  @Test
  void everyLogLineMatchedAnOperation() {
    assertThat(fixture.replay.unmatched()).isEmpty();
    assertThat(fixture.supplement.unmatched()).isEmpty();
    assertThat(fixture.supplement.matched()).isPositive();
  }

  @Test
  void endpointCoverageEqualsApisnoopsPerEndpoint() {
    Map<String, List<Object>> ours = new TreeMap<>();
    var ec = ENDPOINT_COVERAGE;
    for (var r : sql.selectFrom(ec).where(ec.RELEASE.eq(RELEASE.toString()))) {
      assertThat(r.getLevelRule()).isEqualTo("apisnoop");
      ours.put(
          r.getEndpoint(),
          List.of(
              r.getLevel(),
              String.valueOf(r.getCategory()),
              r.getPath(),
              String.valueOf(r.getDescription()),
              String.valueOf(r.getKind()),
              String.valueOf(r.getVersion()),
              String.valueOf(r.getGroup()),
              String.valueOf(r.getAction()),
              r.getTested(),
              r.getConfTested(),
              new TreeSet<>(nullAsMarker(java.util.Arrays.asList(r.getTests())))));
    }
    Map<String, List<Object>> theirs = new TreeMap<>();
    fixture
        .publishedEndpoints()
        .forEach(
            (endpoint, e) -> {
              List<String> tests = new ArrayList<>();
              e.path("tests").forEach(t -> tests.add(t.isNull() ? null : t.asText()));
              theirs.put(
                  endpoint,
                  List.of(
                      e.path("level").asText(),
                      text(e, "category"),
                      e.path("path").asText(),
                      text(e, "description"),
                      text(e, "kind"),
                      text(e, "version"),
                      text(e, "group"),
                      text(e, "action"),
                      e.path("tested").asBoolean(),
                      e.path("conf_tested").asBoolean(),
                      new TreeSet<>(nullAsMarker(tests))));
            });
    assertThat(theirs).hasSize(843);
    assertThat(ours.keySet()).isEqualTo(theirs.keySet());
    List<String> differences =
        theirs.keySet().stream()
            .filter(e -> !theirs.get(e).equals(ours.get(e)))
            .map(e -> e + "\n  ours       " + ours.get(e) + "\n  APISnoop's " + theirs.get(e))
            .toList();
    assertThat(differences).as("endpoint_coverage rows that differ from 1.33.0.json").isEmpty();
  }

  @Test
  void exportedReleaseFileHasApisnoopsSummaryAndShape() throws IOException {
    JsonNode ours = JSON.readTree(exported.resolve("1.33.0.json").toFile());
    JsonNode theirs = fixture.published;
    assertThat(fieldNames(ours)).containsAll(fieldNames(theirs));
    assertThat(ours.path("level_rule").asText()).isEqualTo("apisnoop");
    for (String field : List.of("release", "release_date", "total endpoints", "tested endpoints")) {
      assertThat(ours.path(field)).as(field).isEqualTo(theirs.path(field));
    }
    assertThat(levelCounts(ours)).isEqualTo(levelCounts(theirs)).containsKeys("alpha", "beta");
    // APISnoop's fields, and group, version and kind again under the names its web app reads.
    Set<String> endpointFields = new TreeSet<>(fieldNames(theirs.path("endpoints").get(0)));
    endpointFields.addAll(List.of("k8s_group", "k8s_version", "k8s_kind"));
    assertThat(fieldNames(ours.path("endpoints").get(0))).isEqualTo(endpointFields);
    for (JsonNode e : ours.path("endpoints")) {
      assertThat(e.path("k8s_group")).isEqualTo(e.path("group"));
      assertThat(e.path("k8s_version")).isEqualTo(e.path("version"));
      assertThat(e.path("k8s_kind")).isEqualTo(e.path("kind"));
    }
    assertThat(fieldNames(ours.path("tests").get(0)))
        .isEqualTo(fieldNames(theirs.path("tests").get(0)));
    assertThat(ours.path("sources")).hasSize(2);

    // The tests seen, and whether each is a conformance test, as APISnoop lists them.
    assertThat(testsByName(ours).keySet()).isEqualTo(testsByName(theirs).keySet());
    Set<String> conformance = new HashSet<>();
    for (ConformanceTest t : fixture.conformanceTests) {
      conformance.add(t.codename());
    }
    testsByName(ours)
        .forEach(
            (name, t) ->
                assertThat(t.path("conformance_test").asBoolean())
                    .as(name)
                    .isEqualTo(conformance.contains(name)));
  }

  @Test
  void eligibleCountsFollowFromTheIneligibleList() throws IOException {
    Set<String> ineligible =
        streamOf(fixture.ineligible())
            .map(i -> i.path("endpoint").asText())
            .collect(Collectors.toSet());
    Set<String> codenames =
        fixture.conformanceTests.stream()
            .map(ConformanceTest::codename)
            .collect(Collectors.toSet());
    List<JsonNode> eligible =
        streamOf(fixture.published.path("endpoints"))
            .filter(e -> e.path("level").asText().equals("stable"))
            .filter(e -> !ineligible.contains(e.path("endpoint").asText()))
            .toList();
    long testedByConformanceList =
        eligible.stream()
            .filter(e -> streamOf(e.path("tests")).anyMatch(t -> codenames.contains(t.asText())))
            .count();
    assertThat(eligible).hasSizeGreaterThan(500);

    JsonNode ours = JSON.readTree(exported.resolve("1.33.0.json").toFile());
    // Only 1.33.0 is loaded, so every eligible endpoint is new in it.
    assertThat(ours.path("total conformance eligible endpoints").asLong())
        .isEqualTo(eligible.size());
    assertThat(ours.path("new conformance eligible endpoints").asLong()).isEqualTo(eligible.size());
    assertThat(ours.path("tested conformance eligible endpoints").asLong())
        .isEqualTo(testedByConformanceList);
    assertThat(ours.path("new tested conformance eligible endpoints").asLong())
        .isEqualTo(testedByConformanceList);

    ReleaseCoverage coverage = new CoverageStore(sql).coverage(RELEASE);
    assertThat(coverage.eligible().endpoints()).isEqualTo(eligible.size());
    assertThat(coverage.eligible().tested())
        .isEqualTo(eligible.stream().filter(e -> e.path("tested").asBoolean()).count());
    assertThat(coverage.untestedEligible())
        .extracting(ReleaseCoverage.UntestedEndpoint::endpoint)
        .containsExactlyInAnyOrderElementsOf(
            eligible.stream()
                .filter(e -> !e.path("conf_tested").asBoolean())
                .map(e -> e.path("endpoint").asText())
                .toList());
  }

  @Test
  void coverageSummaryCountsWhatApisnoopPublished() {
    ReleaseCoverage coverage = new CoverageStore(sql).coverage(RELEASE);
    List<JsonNode> all = streamOf(fixture.published.path("endpoints")).toList();
    List<JsonNode> stable =
        all.stream().filter(e -> e.path("level").asText().equals("stable")).toList();
    assertThat(coverage.all()).isEqualTo(count(all));
    assertThat(coverage.stable()).isEqualTo(count(stable));
    assertThat(coverage.all().tested())
        .isEqualTo(fixture.published.path("tested endpoints").asInt());
    assertThat(coverage.levelRule()).isEqualTo("apisnoop");
    assertThat(coverage.previousRelease()).isNull();
    assertThat(coverage.newEndpointsAllLevels()).isEqualTo(all.size());
    assertThat(coverage.sources()).hasSize(2);
    assertThat(coverage.renamedTests()).isEmpty();
    assertThat(coverage.categories().stream().mapToInt(c -> c.all().endpoints()).sum())
        .isEqualTo(all.size());
    assertThat(CoverageText.of(coverage))
        .contains("release 1.33.0 (levels by the apisnoop rule)")
        .contains("no earlier release loaded");
  }

  @Test
  void theOtherFilesHaveApisnoopsShape() throws IOException {
    for (String file :
        List.of(
            "conformance-progress.json",
            "conformance-coverage-per-release.json",
            "conformance-endpoints.json",
            "ineligible_endpoints.json")) {
      JsonNode ours = JSON.readTree(exported.resolve(file).toFile());
      JsonNode theirs = JSON.readTree(SharedData.path("apisnoop-coverage/" + file).toFile());
      assertThat(ours.isArray()).as(file).isTrue();
      assertThat(ours).as(file).isNotEmpty();
      assertThat(shape(ours.get(0))).as(file).isEqualTo(shape(theirs.get(0)));
    }
    assertThat(Set.copyOf(list(exported.resolve("ineligible_endpoints.json"))))
        .isEqualTo(
            Set.copyOf(list(SharedData.path("apisnoop-coverage/ineligible_endpoints.json"))));
    JsonNode progress = JSON.readTree(exported.resolve("conformance-progress.json").toFile());
    assertThat(progress).hasSize(1);
    JsonNode ours = JSON.readTree(exported.resolve("1.33.0.json").toFile());
    assertThat(progress.get(0).path("total").path("endpoints").asLong())
        .isEqualTo(ours.path("total conformance eligible endpoints").asLong());
  }

  private static List<JsonNode> list(Path file) throws IOException {
    return streamOf(JSON.readTree(file.toFile())).toList();
  }

  /** Field names, and nested objects' field names, recursively; arrays by their first element. */
  private static Object shape(JsonNode node) {
    if (node.isObject()) {
      Map<String, Object> fields = new TreeMap<>();
      node.fields().forEachRemaining(f -> fields.put(f.getKey(), shape(f.getValue())));
      return fields;
    }
    if (node.isArray()) {
      return node.isEmpty() ? List.of() : List.of(shape(node.get(0)));
    }
    return node.isNumber() ? "number" : node.isBoolean() ? "boolean" : "text-or-null";
  }

  private static ReleaseCoverage.Count count(List<JsonNode> endpoints) {
    return new ReleaseCoverage.Count(
        endpoints.size(),
        (int) endpoints.stream().filter(e -> e.path("tested").asBoolean()).count(),
        (int) endpoints.stream().filter(e -> e.path("conf_tested").asBoolean()).count());
  }

  private static Map<String, Long> levelCounts(JsonNode file) {
    return streamOf(file.path("endpoints"))
        .collect(
            Collectors.groupingBy(
                e -> e.path("level").asText(), TreeMap::new, Collectors.counting()));
  }

  private static Map<String, JsonNode> testsByName(JsonNode file) {
    return streamOf(file.path("tests"))
        .collect(Collectors.toMap(t -> t.path("test").asText(), t -> t, (a, b) -> a, TreeMap::new));
  }

  private static Set<String> fieldNames(JsonNode node) {
    Set<String> names = new TreeSet<>();
    for (Iterator<String> i = node.fieldNames(); i.hasNext(); ) {
      names.add(i.next());
    }
    return names;
  }

  private static String text(JsonNode e, String field) {
    return e.path(field).isNull() ? "null" : e.path(field).asText();
  }

  private static List<String> nullAsMarker(List<String> tests) {
    return tests.stream().map(t -> t == null ? "<null: other agents>" : t).toList();
  }
}
