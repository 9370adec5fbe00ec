package dev.snoop.db;

import dev.snoop.db.input.InvalidValueException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;

/**
 * Where the database is: a JDBC URL of a running PostgreSQL, or else the embedded PostgreSQL with
 * its data in {@code dataDir}.
 *
 * @param url JDBC URL ({@code jdbc:postgresql://host:port/db?user=..}); empty for the embedded
 *     server
 * @param dataDir where the embedded server keeps its data, e.g. {@code ~/.snoop/db}
 * @param lockWait how long to wait for another snoop process that is using the same data directory
 */
public record DatabaseSettings(Optional<String> url, Path dataDir, Duration lockWait) {
  public DatabaseSettings {
    if (url.isPresent() && !url.get().startsWith("jdbc:postgresql:")) {
      throw new InvalidValueException(
          "database URL must start with jdbc:postgresql: but is " + url.get());
    }
    if (dataDir == null) {
      throw new IllegalArgumentException("dataDir is required");
    }
  }

  /** Settings for the PostgreSQL at {@code url}. */
  public static DatabaseSettings ofUrl(String url) {
    return new DatabaseSettings(Optional.of(url), defaultDataDir(), Duration.ZERO);
  }

  /** The default data directory, {@code ~/.snoop/db}. */
  public static Path defaultDataDir() {
    return Path.of(System.getProperty("user.home"), ".snoop", "db");
  }
}
