package dev.snoop.db;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.snoop.db.testing.MigratedDatabase;
import java.util.List;
import org.jooq.DSLContext;
import org.jooq.exception.DataAccessException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(MigratedDatabase.class)
class SchemaIT {
  private final DSLContext sql;

  SchemaIT(Database database) {
    this.sql = database.dsl();
  }

  @Test
  void semverOrdersReleasesSemantically() {
    List<String> ordered =
        sql.fetch(
                "select r from unnest(array['1.10.0','1.9.0','1.34.0','1.5.0','2.0.0','1.10.1'])"
                    + " r order by r::semver")
            .getValues(0, String.class);
    assertThat(ordered).containsExactly("1.5.0", "1.9.0", "1.10.0", "1.10.1", "1.34.0", "2.0.0");
    assertThat(value("select '1.9.0'::semver < '1.10.0'::semver", Boolean.class)).isTrue();
    assertThat(value("select '1.9.0'::semver < '1.10.0'", Boolean.class)).isTrue();
    assertThat(
            value(
                "select (array_agg(r order by r::semver))[1] from unnest(array['1.10.0','1.9.0']) r",
                String.class))
        .isEqualTo("1.9.0");
    assertThat(
            value(
                "select max(r::semver) from unnest(array['1.10.0','1.9.0','1.100.0']) r",
                String.class))
        .isEqualTo("1.100.0");
  }

  @Test
  void semverRejectsWhatIsNoRelease() {
    assertThatThrownBy(() -> sql.fetch("select 'v1.9'::semver"))
        .isInstanceOf(DataAccessException.class)
        .hasMessageContaining("semver");
  }

  @Test
  void everyTableViewAndColumnHasAComment() {
    List<String> uncommentedRelations =
        sql.fetch(
                "select n.nspname || '.' || c.relname from pg_class c"
                    + " join pg_namespace n on n.oid = c.relnamespace"
                    + " where n.nspname in ('public','conformance','testing','snoop')"
                    + " and c.relkind in ('r','v','m','p') and c.relname <> 'flyway_schema_history'"
                    + " and obj_description(c.oid, 'pg_class') is null")
            .getValues(0, String.class);
    List<String> uncommentedColumns =
        sql.fetch(
                "select n.nspname || '.' || c.relname || '.' || a.attname from pg_attribute a"
                    + " join pg_class c on c.oid = a.attrelid"
                    + " join pg_namespace n on n.oid = c.relnamespace"
                    + " where n.nspname in ('public','conformance','testing','snoop')"
                    + " and c.relkind in ('r','v','m','p') and c.relname <> 'flyway_schema_history'"
                    + " and a.attnum > 0 and not a.attisdropped"
                    + " and col_description(c.oid, a.attnum) is null")
            .getValues(0, String.class);
    assertThat(uncommentedRelations).isEmpty();
    assertThat(uncommentedColumns).isEmpty();
  }

  @Test
  void apisnoopTablesHaveApisnoopColumns() {
    assertThat(columns("public", "open_api"))
        .containsSubsequence(
            "release",
            "release_date",
            "endpoint",
            "level",
            "category",
            "path",
            "k8s_group",
            "k8s_version",
            "k8s_kind",
            "k8s_action",
            "deprecated",
            "description",
            "spec");
    assertThat(columns("public", "audit_event"))
        .containsSubsequence(
            "release",
            "release_date",
            "audit_id",
            "endpoint",
            "useragent",
            "test",
            "test_hit",
            "error",
            "conf_test_hit",
            "data",
            "source",
            "id",
            "ingested_at");
    assertThat(columns("testing", "audit_event"))
        .containsSubsequence(
            "release",
            "release_date",
            "audit_id",
            "endpoint",
            "useragent",
            "test",
            "test_hit",
            "conf_test_hit",
            "data",
            "source",
            "id",
            "ingested_at");
    assertThat(columns("conformance", "test"))
        .containsExactly("testname", "codename", "release", "description", "file");
    assertThat(columns("conformance", "ineligible_endpoint"))
        .containsExactly("endpoint", "reason", "link");
    assertThat(columns("conformance", "pending_eligible_endpoint")).containsExactly("endpoint");
  }

  private <T> T value(String query, Class<T> type) {
    return sql.fetchOne(query).get(0, type);
  }

  private List<String> columns(String schema, String table) {
    return sql.fetch(
            "select column_name from information_schema.columns"
                + " where table_schema = ? and table_name = ? order by ordinal_position",
            schema,
            table)
        .getValues(0, String.class);
  }
}
