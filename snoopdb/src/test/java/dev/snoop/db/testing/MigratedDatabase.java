package dev.snoop.db.testing;

import dev.snoop.db.Database;
import dev.snoop.db.DatabaseSettings;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * JUnit 5 extension giving each test class its own migrated database: {@code
 * {@literal @}ExtendWith(MigratedDatabase.class)} and a {@link Database} parameter in the
 * constructor or a test method. Databases are copied from a template migrated once per JVM, which
 * takes tens of milliseconds.
 */
public final class MigratedDatabase implements ParameterResolver, AfterAllCallback {
  private static final ExtensionContext.Namespace NAMESPACE =
      ExtensionContext.Namespace.create(MigratedDatabase.class);
  private static final AtomicInteger counter = new AtomicInteger();
  private static String template;

  @Override
  public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
    return parameter.getParameter().getType() == Database.class;
  }

  @Override
  public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
    ExtensionContext classContext = classContext(context);
    return classContext
        .getStore(NAMESPACE)
        .getOrComputeIfAbsent("database", key -> new ClassDatabase(), ClassDatabase.class)
        .database;
  }

  @Override
  public void afterAll(ExtensionContext context) {
    ClassDatabase database = context.getStore(NAMESPACE).remove("database", ClassDatabase.class);
    if (database != null) {
      database.close();
    }
  }

  private static ExtensionContext classContext(ExtensionContext context) {
    ExtensionContext current = context;
    while (current.getTestMethod().isPresent() && current.getParent().isPresent()) {
      current = current.getParent().get();
    }
    return current;
  }

  /** A fresh copy of the migrated template, dropped afterwards on a shared server. */
  private static final class ClassDatabase {
    final String name;
    final Database database;

    ClassDatabase() {
      TestServer server = TestServer.get();
      name = "snoop_test_" + ProcessHandle.current().pid() + "_" + counter.incrementAndGet();
      execute(server, "create database " + name + " template " + template(server));
      database = Database.open(DatabaseSettings.ofUrl(urlOf(server, name)));
    }

    void close() {
      database.close();
      TestServer server = TestServer.get();
      if (!server.throwaway) {
        execute(server, "drop database if exists " + name + " with (force)");
      }
    }
  }

  private static synchronized String template(TestServer server) {
    if (template == null) {
      String name = "snoop_template_" + ProcessHandle.current().pid();
      execute(server, "drop database if exists " + name);
      execute(server, "create database " + name);
      try (Database database = Database.open(DatabaseSettings.ofUrl(urlOf(server, name)))) {
        // migrated by open
      }
      template = name;
      if (!server.throwaway) {
        Runtime.getRuntime()
            .addShutdownHook(
                new Thread(
                    () -> execute(server, "drop database if exists " + name + " with (force)")));
      }
    }
    return template;
  }

  /** The server's maintenance URL with its database name replaced. */
  static String urlOf(TestServer server, String database) {
    return server.maintenanceUrl.replaceFirst("^(jdbc:postgresql://[^/]+/)[^?]*", "$1" + database);
  }

  private static void execute(TestServer server, String sql) {
    try (Connection connection = DriverManager.getConnection(server.maintenanceUrl);
        Statement statement = connection.createStatement()) {
      statement.execute(sql);
    } catch (SQLException e) {
      throw new IllegalStateException("test database setup failed: " + sql, e);
    }
  }
}
