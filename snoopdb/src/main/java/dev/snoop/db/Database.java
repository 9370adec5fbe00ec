package dev.snoop.db;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import java.sql.Connection;
import java.sql.SQLException;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.jooq.DSLContext;
import org.jooq.SQLDialect;
import org.jooq.impl.DSL;

/**
 * The snoop database, migrated and ready. With a URL it uses that server; without one it runs the
 * embedded PostgreSQL for as long as this object is open.
 */
public final class Database implements AutoCloseable {
  static {
    // jOOQ logs its logo and a "tip of the day" the first time it renders SQL, which -v shows as
    // noise; it reads these two properties once, so they are set before any query is built.
    System.getProperties().putIfAbsent("org.jooq.no-logo", "true");
    System.getProperties().putIfAbsent("org.jooq.no-tips", "true");
  }

  private final String jdbcUrl;
  private final EmbeddedServer embedded;
  private final HikariDataSource dataSource;
  private final DSLContext dsl;

  private Database(String jdbcUrl, EmbeddedServer embedded) {
    this.jdbcUrl = jdbcUrl;
    this.embedded = embedded;
    this.dataSource = pool(jdbcUrl);
    this.dsl = DSL.using(dataSource, SQLDialect.POSTGRES);
  }

  /**
   * Connections are pooled: opening one costs a PostgreSQL backend's start, which was most of the
   * time of a small query when the web server took a new connection per request. A command holds
   * one or two; the server up to ten at once, enough for two cores.
   */
  private static HikariDataSource pool(String jdbcUrl) {
    HikariConfig config = new HikariConfig();
    config.setJdbcUrl(jdbcUrl);
    config.setPoolName("snoopdb");
    config.setMinimumIdle(1);
    config.setMaximumPoolSize(10);
    return new HikariDataSource(config);
  }

  /** Opens (starting the embedded server if no URL is set) and migrates the database. */
  public static Database open(DatabaseSettings settings) {
    Database database = connect(settings);
    try {
      database.migrate();
      return database;
    } catch (RuntimeException e) {
      database.close();
      throw e;
    }
  }

  /** Opens without migrating, for commands that must not change the schema (status, reset). */
  public static Database connect(DatabaseSettings settings) {
    if (settings.url().isPresent()) {
      return new Database(settings.url().get(), null);
    }
    EmbeddedServer server = EmbeddedServer.start(settings.dataDir(), settings.lockWait());
    return new Database(server.jdbcUrl(), server);
  }

  /** Applies pending migrations; returns how many ran. */
  public int migrate() {
    return flyway().migrate().migrationsExecuted;
  }

  /** Drops every snoop object and migrates again: an empty, current schema. */
  public void reset() {
    Flyway flyway = flyway();
    flyway.clean();
    flyway.migrate();
  }

  /** Schema version and pending migrations, for {@code snoop db status}. */
  public SchemaStatus schemaStatus() {
    var info = flyway().info();
    String current = info.current() == null ? "none" : info.current().getVersion().toString();
    return new SchemaStatus(current, info.pending().length);
  }

  /** The schema version applied and how many migrations are not yet. */
  public record SchemaStatus(String version, int pendingMigrations) {}

  private Flyway flyway() {
    return Flyway.configure()
        .dataSource(dataSource)
        .locations("classpath:db/migration")
        .javaMigrations(new ViewsMigration())
        .schemas("public", "conformance", "testing", "snoop")
        .createSchemas(false)
        .cleanDisabled(false)
        .load();
  }

  public DSLContext dsl() {
    return dsl;
  }

  public DataSource dataSource() {
    return dataSource;
  }

  public Connection connection() throws SQLException {
    return dataSource.getConnection();
  }

  public String jdbcUrl() {
    return jdbcUrl;
  }

  /** The URL in libpq's form, for psql: {@code postgresql://user@host:port/db}. */
  public String libpqUrl() {
    java.net.URI uri = java.net.URI.create(jdbcUrl.substring("jdbc:".length()));
    String user = null;
    StringBuilder rest = new StringBuilder();
    if (uri.getQuery() != null) {
      for (String pair : uri.getQuery().split("&")) {
        if (pair.startsWith("user=")) {
          user = pair.substring("user=".length());
        } else if (!pair.isEmpty()) {
          rest.append(rest.length() == 0 ? "?" : "&").append(pair);
        }
      }
    }
    String port = uri.getPort() < 0 ? "" : ":" + uri.getPort();
    return "postgresql://"
        + (user == null ? "" : user + "@")
        + uri.getHost()
        + port
        + uri.getPath()
        + rest;
  }

  public boolean isEmbedded() {
    return embedded != null;
  }

  @Override
  public void close() {
    dataSource.close();
    if (embedded != null) {
      embedded.close();
    }
  }
}
