package dev.snoop.db;

import static org.assertj.core.api.Assertions.assertThat;

import dev.snoop.db.testing.MigratedDatabase;
import java.sql.Connection;
import java.util.List;
import org.flywaydb.core.api.configuration.Configuration;
import org.flywaydb.core.api.migration.Context;
import org.jooq.DSLContext;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(MigratedDatabase.class)
class ViewsMigrationIT {
  private final Database database;
  private final DSLContext sql;

  ViewsMigrationIT(Database database) {
    this.database = database;
    this.sql = database.dsl();
  }

  @Test
  void everyViewOfSnoopdbIsOneOfTheListedFiles() {
    assertThat(views()).containsExactlyInAnyOrderElementsOf(new ViewsMigration().list().views());
  }

  /**
   * A change no CREATE OR REPLACE allows (a column removed from a view others read) needs only the
   * view's own file: the migration re-creates the dependents.
   */
  @Test
  void changingAViewThatOthersReadNeedsOnlyItsOwnFile() throws Exception {
    String path = ViewsMigration.FOLDER + "snoop.current_run.sql";
    String changed =
        ViewsMigration.classpathResource(path)
            .replace("b.matched\n", "b.matched - 0 AS matched\n")
            .replace(
                "b.run_id AS id, b.release, b.source,",
                "b.run_id AS id, b.release, b.source AS origin, b.source,");
    assertThat(changed).contains("AS origin");
    ViewsMigration migration =
        new ViewsMigration(p -> p.equals(path) ? changed : ViewsMigration.classpathResource(p));

    try (Connection connection = database.connection()) {
      connection.setAutoCommit(false);
      migration.migrate(context(connection));
      connection.commit();
    }

    assertThat(sql.fetch("select origin from snoop.current_run")).isEmpty();
    assertThat(views()).containsExactlyInAnyOrderElementsOf(migration.list().views());
    assertThat(sql.fetch("select * from public.endpoint_coverage")).isEmpty();
  }

  private List<String> views() {
    return sql.fetch(
            "select schemaname || '.' || viewname from pg_views"
                + " where schemaname in ('public','conformance','testing','snoop')")
        .getValues(0, String.class);
  }

  private static Context context(Connection connection) {
    return new Context() {
      @Override
      public Configuration getConfiguration() {
        return null;
      }

      @Override
      public Connection getConnection() {
        return connection;
      }
    };
  }
}
