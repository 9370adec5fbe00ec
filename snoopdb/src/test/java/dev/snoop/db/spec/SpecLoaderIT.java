package dev.snoop.db.spec;

import static dev.snoop.db.jooq.public_.Tables.OPEN_API;
import static dev.snoop.db.jooq.snoop.Tables.LOAD_LOG;
import static dev.snoop.db.jooq.snoop.Tables.OPERATION_PARAMETER;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import dev.snoop.db.Database;
import dev.snoop.db.input.Input;
import dev.snoop.db.input.InputException;
import dev.snoop.db.input.InputReader;
import dev.snoop.db.release.Release;
import dev.snoop.db.release.ReleaseCatalogue;
import dev.snoop.db.testing.MigratedDatabase;
import dev.snoop.db.testing.SharedData;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.jooq.DSLContext;
import org.jooq.Record;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

@ExtendWith(MigratedDatabase.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class SpecLoaderIT {
  private final DSLContext sql;
  private final SpecLoader loader;
  @TempDir Path temp;

  SpecLoaderIT(Database database, @TempDir Path cache) {
    this.sql = database.dsl();
    InputReader reader = new InputReader(cache);
    this.loader = new SpecLoader(sql, reader);
    new ReleaseCatalogue(sql, reader)
        .load(Input.file(SharedData.path("apisnoop-coverage/releases.yaml")));
  }

  @BeforeAll
  void loadTheReleasesApisnoopPublished() {
    for (String release : List.of("1.33.0", "1.34.0")) {
      loader.load(Release.parse(release), v2(release), LevelRule.APISNOOP);
    }
  }

  /** The (endpoint, path, level, category, action) of APISnoop's published 1.33 and 1.34 files. */
  @ParameterizedTest
  @ValueSource(strings = {"1.33.0", "1.34.0"})
  void nonDeprecatedOperationsAreApisnoopsEndpoints(String release) {
    Set<List<String>> ours = new HashSet<>();
    for (Record r :
        sql.select(
                OPEN_API.ENDPOINT,
                OPEN_API.PATH,
                OPEN_API.LEVEL,
                OPEN_API.CATEGORY,
                OPEN_API.K8S_ACTION)
            .from(OPEN_API)
            .where(OPEN_API.RELEASE.eq(release).and(OPEN_API.DEPRECATED.isFalse()))) {
      ours.add(
          java.util.Arrays.asList(
              r.get(0, String.class),
              r.get(1, String.class),
              r.get(2, String.class),
              r.get(3, String.class),
              r.get(4, String.class)));
    }
    Set<List<String>> theirs = new HashSet<>();
    JsonNode published = RealSpecs.json(SharedData.path("apisnoop-coverage/" + release + ".json"));
    for (JsonNode e : published.path("endpoints")) {
      theirs.add(
          java.util.Arrays.asList(
              e.path("endpoint").asText(),
              e.path("path").asText(),
              e.path("level").asText(),
              e.path("category").asText(),
              e.path("action").asText(null)));
    }
    assertThat(theirs).hasSize(published.path("total endpoints").asInt());
    assertThat(ours).isEqualTo(theirs);
  }

  /** Texts reach the tables as the spec writes them (parameter descriptions hold newlines). */
  @Test
  void descriptionsAreStoredAsTheSpecWritesThem() {
    JsonNode spec = RealSpecs.json(RealSpecs.swagger("1.34.0"));
    Map<String, String> operations = new HashMap<>();
    spec.path("paths")
        .forEach(
            item ->
                item.fields()
                    .forEachRemaining(
                        op -> {
                          if (op.getValue().has("operationId")) {
                            operations.put(
                                op.getValue().path("operationId").asText(),
                                op.getValue().path("description").asText(null));
                          }
                        }));
    Map<String, String> stored =
        sql.select(OPEN_API.ENDPOINT, OPEN_API.DESCRIPTION)
            .from(OPEN_API)
            .where(OPEN_API.RELEASE.eq("1.34.0"))
            .fetchMap(OPEN_API.ENDPOINT, OPEN_API.DESCRIPTION);
    assertThat(stored).isEqualTo(operations);

    JsonNode limit = spec.path("parameters").path("limit-1NfNmdNH");
    assertThat(limit.path("description").asText()).contains("\n");
    assertThat(
            sql.select(OPERATION_PARAMETER.DESCRIPTION, OPERATION_PARAMETER.REQUIRED)
                .from(OPERATION_PARAMETER)
                .where(
                    OPERATION_PARAMETER
                        .RELEASE
                        .eq("1.34.0")
                        .and(OPERATION_PARAMETER.ENDPOINT.eq("listCoreV1NamespacedPod"))
                        .and(OPERATION_PARAMETER.PARAMETER.eq("limit")))
                .fetchOne()
                .intoArray())
        .containsExactly(limit.path("description").asText(), false);
  }

  @Test
  void loadingAgainReplacesTheRelease() {
    int before = sql.fetchCount(OPEN_API, OPEN_API.RELEASE.eq("1.34.0"));
    var result = loader.load(Release.parse("1.34.0"), v2("1.34.0"), LevelRule.EXACT);
    assertThat(sql.fetchCount(OPEN_API, OPEN_API.RELEASE.eq("1.34.0"))).isEqualTo(before);
    assertThat(result.operations()).isEqualTo(before);
    assertThat(
            sql.selectDistinct(OPEN_API.LEVEL_RULE)
                .from(OPEN_API)
                .where(OPEN_API.RELEASE.eq("1.34.0"))
                .fetch(OPEN_API.LEVEL_RULE))
        .containsExactly("exact");
    var log =
        sql.selectFrom(LOAD_LOG)
            .where(LOAD_LOG.KIND.eq("spec").and(LOAD_LOG.RELEASE.eq("1.34.0")))
            .orderBy(LOAD_LOG.ID.desc())
            .limit(1)
            .fetchOne();
    assertThat(log.getChecksum())
        .isEqualTo("d3b0cdc2fda15c753206d25ab459dc7c12df64e2fd652b6809687471ea751c37");
    assertThat(log.getRowCount()).isEqualTo(before);
    assertThat(log.getDetails().data()).contains("\"level_rule\": \"exact\"");
    loader.load(Release.parse("1.34.0"), v2("1.34.0"), LevelRule.APISNOOP);
  }

  @Test
  void v3DocumentsLoadAsOneSpec() {
    Release release = Release.parse("1.34.0");
    var result =
        loader.load(release, SpecSource.v3(SharedData.path("openapi/v1.34.0-v3")), LevelRule.EXACT);
    // the 29 discovery and non-resource operations are in swagger.json only
    assertThat(result.operations()).isEqualTo(1062 - 29);
    assertThat(sql.fetchCount(OPEN_API, OPEN_API.RELEASE.eq("1.34.0"))).isEqualTo(1062 - 29);
    loader.load(release, v2("1.34.0"), LevelRule.APISNOOP);
  }

  @Test
  void badInputsChangeNothing() throws IOException {
    String valid = Files.readString(RealSpecs.swagger("1.34.0"));
    String v3 = Files.readString(SharedData.path("openapi/v1.34.0-v3/apis__apps__v1_openapi.json"));
    assertRejected(write("empty.json", ""), "is empty");
    assertRejected(write("truncated.json", valid.substring(0, valid.length() / 2)), "truncated");
    assertRejected(
        write("page.json", "<!DOCTYPE html>\n<html><body>Not Found</body></html>"), "HTML");
    assertRejected(write("rate-limited.json", "429: Too Many Requests"), "HTTP error body");
    assertRejected(write("v3-as-v2.json", v3), "OpenAPI 3.0.0 document, not a Swagger 2.0");
    assertRejected(write("no-paths.json", "{\"swagger\": \"2.0\", \"info\": {}}"), "has no paths");
    assertRejected(write("list.json", "[1, 2]"), "found a list");
    assertThatThrownBy(() -> loader.load(Release.parse("1.123.0"), v2("1.34.0"), LevelRule.EXACT))
        .isInstanceOf(InputException.class)
        .hasMessageContaining("1.123.0 is not in the release catalogue");
  }

  private void assertRejected(Path file, String problem) {
    int rows = sql.fetchCount(OPEN_API);
    int loads = sql.fetchCount(LOAD_LOG);
    String before = sql.fetch("select endpoint, level from open_api order by 1, 2").formatCSV();
    assertThatThrownBy(
            () ->
                loader.load(
                    Release.parse("1.34.0"), new SpecSource.V2(Input.file(file)), LevelRule.EXACT))
        .isInstanceOf(InputException.class)
        .hasMessageStartingWith(file.toString())
        .hasMessageContaining(problem);
    assertThat(sql.fetchCount(OPEN_API)).isEqualTo(rows);
    assertThat(sql.fetchCount(LOAD_LOG)).isEqualTo(loads);
    assertThat(sql.fetch("select endpoint, level from open_api order by 1, 2").formatCSV())
        .isEqualTo(before);
  }

  private Path write(String name, String content) throws IOException {
    return Files.writeString(temp.resolve(name), content, StandardCharsets.UTF_8);
  }

  private static SpecSource v2(String release) {
    return new SpecSource.V2(Input.file(RealSpecs.swagger(release)));
  }
}
