package dev.snoop.db;

import static dev.snoop.db.jooq.public_.Tables.OPEN_API;
import static dev.snoop.db.jooq.snoop.Tables.LOAD_LOG;
import static dev.snoop.db.jooq.snoop.Tables.RELEASE;
import static org.jooq.impl.DSL.count;

import java.util.ArrayList;
import java.util.List;

/** What {@code snoop db status} reports: where the database is, its schema, what is loaded. */
public record DatabaseStatus(
    String url,
    String location,
    Database.SchemaStatus schema,
    int releases,
    String workingRelease,
    List<String> specs,
    List<String> recentLoads) {

  public static DatabaseStatus of(Database database, DatabaseSettings settings) {
    Database.SchemaStatus schema = database.schemaStatus();
    String location =
        database.isEmbedded()
            ? "embedded PostgreSQL, data in " + settings.dataDir()
            : "PostgreSQL at the given URL";
    if (schema.version().equals("none") || schema.pendingMigrations() > 0) {
      return new DatabaseStatus(
          database.jdbcUrl(), location, schema, 0, null, List.of(), List.of());
    }
    var sql = database.dsl();
    List<String> specs = new ArrayList<>();
    sql.select(OPEN_API.RELEASE, OPEN_API.LEVEL_RULE, count())
        .from(OPEN_API)
        .groupBy(OPEN_API.RELEASE, OPEN_API.LEVEL_RULE)
        .orderBy(OPEN_API.RELEASE)
        .forEach(
            r ->
                specs.add(
                    r.value1() + " (" + r.value3() + " operations, " + r.value2() + " levels)"));
    List<String> loads = new ArrayList<>();
    sql.selectFrom(LOAD_LOG)
        .orderBy(LOAD_LOG.ID.desc())
        .limit(10)
        .forEach(
            r ->
                loads.add(
                    r.getLoadedAt().toLocalDateTime().withNano(0)
                        + " "
                        + r.getKind()
                        + (r.getRelease() == null ? "" : " " + r.getRelease())
                        + ": "
                        + r.getRowCount()
                        + " rows from "
                        + r.getSource()));
    return new DatabaseStatus(
        database.jdbcUrl(),
        location,
        schema,
        sql.fetchCount(RELEASE),
        sql.select(RELEASE.RELEASE_)
            .from(RELEASE)
            .where(RELEASE.WORKING)
            .fetchOne(RELEASE.RELEASE_),
        specs,
        loads);
  }

  /** The report, a line per fact. */
  public String describe() {
    StringBuilder out = new StringBuilder();
    out.append("database:  ").append(location).append('\n');
    out.append("url:       ").append(url).append('\n');
    out.append("schema:    version ")
        .append(schema.version())
        .append(
            schema.pendingMigrations() == 0
                ? ", up to date"
                : ", "
                    + schema.pendingMigrations()
                    + " migrations pending (any command applies them)")
        .append('\n');
    out.append("releases:  ").append(releases).append(" in the catalogue");
    out.append(workingRelease == null ? "" : ", working release " + workingRelease).append('\n');
    out.append("specs:     ")
        .append(specs.isEmpty() ? "none loaded" : String.join("; ", specs))
        .append('\n');
    if (!recentLoads.isEmpty()) {
      out.append("recent loads:\n");
      recentLoads.forEach(l -> out.append("  ").append(l).append('\n'));
    }
    return out.toString();
  }
}
