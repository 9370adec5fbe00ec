package dev.snoop.db;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.snoop.db.testing.MigratedDatabase;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.jooq.DSLContext;
import org.jooq.Record;
import org.jooq.exception.DataAccessException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.postgresql.util.PSQLException;

/**
 * APISnoop's self-describing functions read every relation's own comments, and its loader names
 * fail with the snoop command that does their work.
 */
@ExtendWith(MigratedDatabase.class)
class ApisnoopFunctionsIT {
  private static final List<String> SCHEMAS = List.of("public", "conformance", "testing", "snoop");
  private final DSLContext sql;

  ApisnoopFunctionsIT(Database database) {
    this.sql = database.dsl();
  }

  @Test
  void describeRelationsListsEveryTableAndViewOfEverySchemaWithItsComment() {
    Map<String, String> described = new TreeMap<>();
    for (Record r : sql.fetch("select * from describe_relations()")) {
      String name = r.get("schema") + "." + r.get("name");
      assertThat(described.put(name, r.get("description", String.class))).as(name).isNull();
    }
    Map<String, String> catalogue = new TreeMap<>();
    for (Record r :
        sql.fetch(
            "select n.nspname || '.' || c.relname, obj_description(c.oid, 'pg_class')"
                + " from pg_class c join pg_namespace n on n.oid = c.relnamespace"
                + " where n.nspname = any({0}) and c.relkind in ('r', 'p', 'v', 'm')"
                + " and c.relname <> 'flyway_schema_history'",
            (Object) SCHEMAS.toArray(String[]::new))) {
      catalogue.put(r.get(0, String.class), r.get(1, String.class));
    }
    assertThat(described)
        .isEqualTo(catalogue)
        .containsKeys(
            "public.audit_event",
            "testing.audit_event",
            "conformance.progress",
            "snoop.ingest_run");
    assertThat(described.values()).doesNotContainNull();
  }

  /** APISnoop matched columns by table name, so each audit_event column came twice. */
  @Test
  void describeColumnsGivesEachColumnOfTheRelationOnceWithThatRelationsComment() {
    for (String relation : List.of("public.audit_event", "testing.audit_event")) {
      String[] parts = relation.split("\\.");
      List<Record> columns =
          sql.fetch("select * from describe_columns({0}, {1})", parts[0], parts[1]);
      List<Record> expected =
          sql.fetch(
              "select attname::text, col_description(attrelid, attnum) from pg_attribute"
                  + " where attrelid = {0}::regclass and attnum > 0 and not attisdropped"
                  + " order by attnum",
              relation);
      assertThat(columns).as(relation).hasSameSizeAs(expected);
      for (int i = 0; i < expected.size(); i++) {
        assertThat(columns.get(i).intoArray()).as(relation).isEqualTo(expected.get(i).intoArray());
        assertThat(columns.get(i).get(1)).as(relation + " " + columns.get(i).get(0)).isNotNull();
      }
    }
    assertThat(
            sql.fetch("select * from describe_columns('public', 'audit_event')")
                .getValues("column", String.class))
        .contains("error", "run_id")
        .doesNotHaveDuplicates();
    assertThat(
            sql.fetch("select * from describe_columns('testing', 'audit_event')")
                .getValues("column", String.class))
        .doesNotContain("error", "run_id")
        .doesNotHaveDuplicates();
    assertThat(releaseDateComment("public")).isNotEqualTo(releaseDateComment("testing"));
  }

  @Test
  void everyColumnOfEveryRelationIsDescribed() {
    for (Record relation : sql.fetch("select schema, name from describe_relations()")) {
      List<Record> columns =
          sql.fetch("select * from describe_columns({0}, {1})", relation.get(0), relation.get(1));
      assertThat(columns).as(relation.toString()).isNotEmpty();
      assertThat(columns.stream().map(c -> c.get("description")))
          .as(relation.toString())
          .doesNotContainNull();
    }
  }

  @Test
  void describeRelationAndColumnFindOneByName() {
    assertThat(sql.fetchValue("select describe_relation('testing', 'audit_event')"))
        .isEqualTo(
            sql.fetchValue("select obj_description('testing.audit_event'::regclass, 'pg_class')"))
        .isNotEqualTo(sql.fetchValue("select describe_relation('public', 'audit_event')"));
    assertThat(sql.fetch("select * from describe_column('testing', 'audit_event', 'nope')"))
        .isEmpty();
    assertThat(sql.fetch("select * from describe_columns('public', 'nope')")).isEmpty();
    assertThatThrownBy(() -> sql.fetch("select describe_relation('public', 'nope')"))
        .isInstanceOf(DataAccessException.class)
        .hasMessageContaining("relation \"public.nope\" does not exist");
  }

  @Test
  void everyFunctionHasAComment() {
    List<String> functions =
        sql.fetch(
                "select p.oid::regprocedure::text from pg_proc p"
                    + " join pg_namespace n on n.oid = p.pronamespace"
                    + " where n.nspname = any({0}) and obj_description(p.oid, 'pg_proc') is null",
                (Object) SCHEMAS.toArray(String[]::new))
            .getValues(0, String.class);
    assertThat(functions).isEmpty();
    assertThat(
            sql.fetchValue(
                "select count(*) from pg_proc where proname in ('describe_relations',"
                    + " 'describe_relation', 'describe_columns', 'describe_column',"
                    + " 'load_open_api', 'load_audit_events', 'load_tests',"
                    + " 'load_ineligible_endpoints', 'grab_past_releases')",
                Long.class))
        .isEqualTo(9L);
  }

  @Test
  void eachLoaderFailsWithTheSnoopCommandThatDoesItsWork() {
    String run = "snoop loads from the command line, not inside PostgreSQL; run: ";
    assertThat(error("select load_open_api('1.34.0')"))
        .isEqualTo("load_open_api(): " + run + "snoop load spec --release 1.34.0");
    assertThat(error("select * from load_audit_events('ci-kubernetes-audit-kind-conformance')"))
        .isEqualTo(
            "load_audit_events(): "
                + run
                + "snoop ingest prow --job ci-kubernetes-audit-kind-conformance");
    assertThat(
            error("select load_audit_events('ci-kubernetes-e2e-gci-gce', '1178464478988079104')"))
        .isEqualTo(
            "load_audit_events(): "
                + run
                + "snoop ingest prow --job ci-kubernetes-e2e-gci-gce --build 1178464478988079104");
    // APISnoop's older docs call it with no argument: its three jobs.
    assertThat(error("select * from load_audit_events()"))
        .isEqualTo(
            "load_audit_events(): "
                + run
                + "snoop ingest prow --job ci-kubernetes-audit-kind-conformance"
                + " && snoop ingest prow --job ci-kubernetes-e2e-gci-gce"
                + " && snoop ingest prow --job ci-kubernetes-gce-conformance-latest");
    assertThat(error("select load_ineligible_endpoints()"))
        .isEqualTo("load_ineligible_endpoints(): " + run + "snoop load ineligible");
    assertThat(error("select load_ineligible_endpoints('1.34.0')"))
        .isEqualTo(
            "load_ineligible_endpoints(): " + run + "snoop load ineligible --release 1.34.0");
    assertThat(error("select * from grab_past_releases()"))
        .isEqualTo("grab_past_releases(): " + run + "snoop load releases");
  }

  /** Master's spec and conformance.yaml belong to the working release: the catalogue names it. */
  @Test
  void theWorkingReleasesLoadersNameItOnceTheCatalogueIsLoaded() {
    String run = "snoop loads from the command line, not inside PostgreSQL; run: ";
    assertThat(error("select load_open_api()"))
        .isEqualTo(
            "load_open_api(): "
                + run
                + "snoop load releases, then snoop load spec --release R (R: the working"
                + " release)");
    assertThat(error("select load_tests()"))
        .isEqualTo(
            "load_tests(): "
                + run
                + "snoop load releases, then snoop load conformance --release R (R: the working"
                + " release)");
    sql.execute(
        "insert into snoop.release (release, release_date, working) values"
            + " ('1.36.0', '2026-04-22', false), ('1.37.0', null, true)");
    try {
      assertThat(error("select load_open_api()"))
          .isEqualTo("load_open_api(): " + run + "snoop load spec --release 1.37.0");
      assertThat(error("select load_tests()"))
          .isEqualTo("load_tests(): " + run + "snoop load conformance --release 1.37.0");
    } finally {
      sql.execute("delete from snoop.release");
    }
  }

  private String releaseDateComment(String schema) {
    return sql.fetchValue(
            "select description from describe_column({0}, 'audit_event', 'release_date')", schema)
        .toString();
  }

  /** The message of the error the query raises, which must be feature_not_supported. */
  private String error(String query) {
    try {
      sql.fetch(query);
    } catch (DataAccessException e) {
      PSQLException cause = (PSQLException) e.getCause();
      assertThat(cause.getSQLState()).as(query).isEqualTo("0A000");
      assertThat(cause.getServerErrorMessage().getHint()).as(query).isNotBlank();
      return cause.getServerErrorMessage().getMessage();
    }
    throw new AssertionError(query + " raised no error");
  }
}
