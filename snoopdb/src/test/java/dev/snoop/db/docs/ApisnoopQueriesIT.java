package dev.snoop.db.docs;

import static dev.snoop.db.jooq.public_.Tables.OPEN_API;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.snoop.db.Database;
import dev.snoop.db.conformance.ConformanceLists;
import dev.snoop.db.conformance.EndpointLists;
import dev.snoop.db.input.Input;
import dev.snoop.db.input.InputReader;
import dev.snoop.db.release.Release;
import dev.snoop.db.spec.LevelRule;
import dev.snoop.db.testing.MigratedDatabase;
import dev.snoop.db.testing.QueryDoc;
import dev.snoop.db.testing.ReferenceData;
import dev.snoop.db.testing.SharedData;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import org.jooq.DSLContext;
import org.jooq.Field;
import org.jooq.Result;
import org.jooq.exception.DataAccessException;
import org.jooq.impl.DSL;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.postgresql.util.PSQLException;

/**
 * Runs every query of docs/queries.md on the real 1.33.0 and 1.34.0 data, but those about audit
 * runs, which need an ingest (audit-ingest's RunDateIT runs them).
 */
@ExtendWith(MigratedDatabase.class)
class ApisnoopQueriesIT {
  private static final String DESCRIBING = "Describing the schema";
  private static final String LOADERS = "APISnoop's loader functions";
  private final DSLContext sql;

  ApisnoopQueriesIT(Database database, @TempDir Path cache) {
    this.sql = database.dsl();
    InputReader reader = new InputReader(cache);
    ReferenceData.releases(sql, reader);
    for (String release : List.of("1.33.0", "1.34.0")) {
      ReferenceData.spec(sql, reader, Release.parse(release), LevelRule.APISNOOP);
    }
    new ConformanceLists(sql, reader)
        .load(Release.parse("1.34.0"), Input.file(SharedData.path("conformance-yaml/v1.34.yaml")));
    new EndpointLists(sql, reader)
        .loadIneligible(
            Input.file(SharedData.path("apisnoop-coverage/ineligible_endpoints.json")), null);
  }

  @Test
  void everyQueryOfTheDocRuns() {
    List<String> queries = queries();
    assertThat(queries).hasSize(15);
    for (String query : queries.subList(0, 9)) {
      assertThat(sql.fetch(query)).as(query).isNotEmpty();
    }
    // The coverage views, with no audit run loaded: everything is there, nothing tested.
    for (String query : queries.subList(11, 15)) {
      assertThat(sql.fetch(query)).as(query).isNotEmpty();
    }
    for (QueryDoc.Example describe : QueryDoc.section(DESCRIBING)) {
      assertThat(sql.fetch(describe.sql())).as(describe.sql()).isNotEmpty();
    }
  }

  @Test
  void theLoaderQueriesFailWithTheErrorTheDocShows() {
    List<QueryDoc.Example> loaders = QueryDoc.section(LOADERS);
    assertThat(loaders).hasSize(8).allSatisfy(e -> assertThat(e.error()).isNotNull());
    for (QueryDoc.Example loader : loaders) {
      assertThatThrownBy(() -> sql.fetch(loader.sql()))
          .as(loader.sql())
          .isInstanceOf(DataAccessException.class)
          .cause()
          .isInstanceOfSatisfying(
              PSQLException.class,
              e -> {
                assertThat(e.getSQLState()).isEqualTo("0A000"); // feature_not_supported
                assertThat(e.getServerErrorMessage().getMessage()).isEqualTo(loader.error());
                assertThat(e.getServerErrorMessage().getHint()).isEqualTo(loader.hint());
              });
    }
  }

  @Test
  void theDescribeQueriesGiveEachRelationsOwnComments() {
    List<String> q = QueryDoc.section(DESCRIBING).stream().map(QueryDoc.Example::sql).toList();
    assertThat(q).hasSize(7);
    Result<?> relations = sql.fetch(q.get(0));
    assertThat(relations.fields())
        .extracting(Field::getName)
        .containsExactly("schema", "name", "description");
    assertThat(relations.getValues("schema", String.class))
        .containsOnly("testing", "snoop", "public", "conformance")
        .contains("testing", "snoop", "public", "conformance");
    assertThat(relations.getValues("description", String.class)).doesNotContainNull();
    assertThat(relations.size())
        .isEqualTo(
            sql.fetchCount(
                DSL.table(
                    "information_schema.tables where table_schema in"
                        + " ('public','conformance','testing','snoop')"
                        + " and table_name <> 'flyway_schema_history'")));

    assertThat(sql.fetchValue(q.get(1)))
        .isEqualTo(comment("conformance.progress"))
        .asString()
        .startsWith("Per release from 1.8.0");

    Result<?> coverageColumns = sql.fetch(q.get(2));
    assertThat(coverageColumns.fields())
        .extracting(Field::getName)
        .containsExactly("column", "description");
    assertThat(coverageColumns.getValues("column", String.class))
        .isEqualTo(columnNames("public", "endpoint_coverage"))
        .contains("endpoint", "tested", "conf_tested");
    assertThat(coverageColumns.getValues("description", String.class)).doesNotContainNull();

    assertThat(sql.fetch(q.get(3)).intoArrays())
        .isDeepEqualTo(
            new Object[][] {{"tested", columnComment("public.endpoint_coverage", "tested")}});
    assertThat(sql.fetch(q.get(4)).intoArrays())
        .isDeepEqualTo(
            new Object[][] {{"new_tests", columnComment("conformance.progress", "new_tests")}});

    assertThat(sql.fetch(q.get(5)).getValues(0, String.class))
        .containsExactlyInAnyOrder(comment("public.audit_event"), comment("testing.audit_event"))
        .doesNotHaveDuplicates();

    // APISnoop's gave every column of both audit_event tables, some with the other's comment.
    Result<?> auditColumns = sql.fetch(q.get(6));
    assertThat(auditColumns.getValues("column", String.class))
        .isEqualTo(columnNames("public", "audit_event"))
        .doesNotHaveDuplicates()
        .contains("error", "run_id");
    for (var column : auditColumns) {
      assertThat(column.get("description", String.class))
          .as(column.get("column", String.class))
          .isEqualTo(columnComment("public.audit_event", column.get("column", String.class)));
    }
    assertThat(
            auditColumns.stream()
                .filter(r -> r.get("column").equals("release_date"))
                .map(r -> r.get("description", String.class)))
        .singleElement()
        .asString()
        .contains("epoch seconds");
  }

  @Test
  void theQueriesGiveApisnoopsAnswers() throws IOException {
    List<String> q = queries();
    assertThat(sql.fetch(q.get(0)).getValues(0, String.class)).containsExactly("1.33.0", "1.34.0");
    assertThat(sql.fetch(q.get(1)).getValue(0, 0).toString()).isEqualTo("1.34.0");
    Result<?> firstReleases = sql.fetch(q.get(3));
    assertThat(firstReleases.getValues(1, String.class)).containsOnly("1.33.0", "1.34.0");
    // 1.34.0.json says 859 non-deprecated endpoints; 1.33.0.json 843.
    int newIn134 = sql.fetch(q.get(4)).size();
    assertThat(newIn134).isPositive().isLessThan(859);
    assertThat(sql.fetch(q.get(6)).get(0).get(0, Integer.class))
        .isEqualTo(stableEndpointsNotIneligible("1.34.0"));
    // APISnoop's README query: nothing is first released in 1.20.0 when 1.33.0 is the oldest spec.
    assertThat(sql.fetch(q.get(9))).isEmpty();
    Result<?> newlyStable = sql.fetch(q.get(10));
    List<String> endpoints = newlyStable.getValues("endpoint", String.class);
    assertThat(endpoints).isNotEmpty().contains("createResourceV1DeviceClass");
    assertThat(
            sql.fetchCount(
                OPEN_API, OPEN_API.RELEASE.eq("1.33.0").and(OPEN_API.ENDPOINT.in(endpoints))))
        .isZero();
  }

  /** Counted from APISnoop's published files, not from our tables. */
  private static int stableEndpointsNotIneligible(String release) throws IOException {
    var json = new com.fasterxml.jackson.databind.ObjectMapper();
    java.util.Set<String> ineligible = new java.util.HashSet<>();
    json.readTree(SharedData.path("apisnoop-coverage/ineligible_endpoints.json").toFile())
        .forEach(e -> ineligible.add(e.path("endpoint").asText()));
    int count = 0;
    for (var e :
        json.readTree(SharedData.path("apisnoop-coverage/" + release + ".json").toFile())
            .path("endpoints")) {
      if (e.path("level").asText().equals("stable")
          && !ineligible.contains(e.path("endpoint").asText())) {
        count++;
      }
    }
    return count;
  }

  /** The queries of the spec and coverage sections, the page's first two. */
  private static List<String> queries() {
    return QueryDoc.examples().stream()
        .filter(e -> e.section().isEmpty() || e.section().equals("Coverage"))
        .map(QueryDoc.Example::sql)
        .toList();
  }

  private String comment(String relation) {
    return sql.fetchOne("select obj_description({0}::regclass, 'pg_class')", relation)
        .get(0, String.class);
  }

  private String columnComment(String relation, String column) {
    return sql.fetchOne(
            "select col_description({0}::regclass, attnum) from pg_attribute"
                + " where attrelid = {0}::regclass and attname = {1}",
            relation, column)
        .get(0, String.class);
  }

  /** From information_schema, as the SQL standard names them: not what the function reads. */
  private List<String> columnNames(String schema, String relation) {
    return sql.fetch(
            "select column_name from information_schema.columns"
                + " where table_schema = {0} and table_name = {1} order by ordinal_position",
            schema, relation)
        .getValues(0, String.class);
  }
}
