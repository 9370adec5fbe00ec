package dev.snoop.db;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import java.util.zip.CRC32;
import org.flywaydb.core.api.MigrationVersion;
import org.flywaydb.core.api.migration.Context;
import org.flywaydb.core.api.migration.JavaMigration;

/**
 * snoopdb's views as one repeatable Flyway migration. Each view lives in its own file under {@code
 * db/views}, in the order {@code db/views/views.txt} lists them. The checksum covers the list and
 * every file, so changing any view makes Flyway run this again; a run drops every listed view in
 * reverse order and creates them all, so a view's dependents are never re-created by hand. The
 * list's {@code after V<n>} line is part of the checksum too: naming each new versioned migration
 * there re-creates the views after it, which lets a versioned migration drop views it is in the way
 * of.
 */
final class ViewsMigration implements JavaMigration {
  static final String FOLDER = "db/views/";
  static final String LIST = FOLDER + "views.txt";

  /** The list file: the versioned migration the views follow, and the views in creation order. */
  record ViewList(String after, List<String> views) {
    static ViewList parse(String text) {
      String after = null;
      List<String> views = new ArrayList<>();
      for (String line : text.split("\n")) {
        String trimmed = line.strip();
        if (trimmed.isEmpty() || trimmed.startsWith("#")) {
          continue;
        }
        if (trimmed.startsWith("after ")) {
          after = trimmed.substring("after ".length()).strip();
        } else {
          views.add(trimmed);
        }
      }
      if (after == null) {
        throw new IllegalStateException(LIST + " has no 'after V<n>' line");
      }
      return new ViewList(after, List.copyOf(views));
    }
  }

  private final Function<String, String> resources;
  private final ViewList list;

  ViewsMigration() {
    this(ViewsMigration::classpathResource);
  }

  /**
   * Reads the list and the files through {@code resources}, a path to text function (for tests).
   */
  ViewsMigration(Function<String, String> resources) {
    this.resources = resources;
    this.list = ViewList.parse(resources.apply(LIST));
  }

  ViewList list() {
    return list;
  }

  @Override
  public MigrationVersion getVersion() {
    return null; // repeatable
  }

  @Override
  public String getDescription() {
    return "views";
  }

  @Override
  public Integer getChecksum() {
    CRC32 crc = new CRC32();
    crc.update(resources.apply(LIST).getBytes(StandardCharsets.UTF_8));
    for (String view : list.views()) {
      crc.update(definition(view).getBytes(StandardCharsets.UTF_8));
    }
    return (int) crc.getValue();
  }

  @Override
  public boolean canExecuteInTransaction() {
    return true;
  }

  @Override
  public void migrate(Context context) throws Exception {
    try (Statement statement = context.getConnection().createStatement()) {
      // No CASCADE: a view of a user's own that reads one of ours stops the migration with
      // PostgreSQL's message naming it, rather than vanishing.
      for (int i = list.views().size() - 1; i >= 0; i--) {
        statement.execute("DROP VIEW IF EXISTS " + list.views().get(i));
      }
      for (String view : list.views()) {
        statement.execute(definition(view));
      }
    }
  }

  String definition(String view) {
    return resources.apply(FOLDER + view + ".sql");
  }

  static String classpathResource(String path) {
    try (InputStream in = ViewsMigration.class.getClassLoader().getResourceAsStream(path)) {
      if (in == null) {
        throw new IllegalStateException("missing from the classpath: " + path);
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
