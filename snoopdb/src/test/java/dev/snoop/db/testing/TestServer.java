package dev.snoop.db.testing;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Optional;
import org.testcontainers.DockerClientFactory;
import org.testcontainers.containers.PostgreSQLContainer;

/**
 * The PostgreSQL server tests create their databases on, one per JVM: {@code SNOOP_TEST_DB_URL} (or
 * the system property {@code snoop.test.db.url}) when set, else the embedded PostgreSQL, else a
 * Testcontainers PostgreSQL when Docker is present.
 */
final class TestServer {
  private static TestServer instance;

  /** URL of a database on the server that we may connect to in order to create others. */
  final String maintenanceUrl;

  /** True when the server is ours alone, so databases need not be dropped after use. */
  final boolean throwaway;

  private TestServer(String maintenanceUrl, boolean throwaway) {
    this.maintenanceUrl = maintenanceUrl;
    this.throwaway = throwaway;
  }

  static synchronized TestServer get() {
    if (instance == null) {
      instance = start();
    }
    return instance;
  }

  private static TestServer start() {
    Optional<String> url =
        Optional.ofNullable(System.getProperty("snoop.test.db.url"))
            .or(() -> Optional.ofNullable(System.getenv("SNOOP_TEST_DB_URL")))
            .filter(u -> !u.isBlank());
    if (url.isPresent()) {
      return new TestServer(url.get(), false);
    }
    try {
      return startEmbedded();
    } catch (IOException | RuntimeException embeddedFailure) {
      if (DockerClientFactory.instance().isDockerAvailable()) {
        return startContainer();
      }
      throw new IllegalStateException(
          "no PostgreSQL for tests: SNOOP_TEST_DB_URL is not set, the embedded PostgreSQL did not"
              + " start, and Docker is not available",
          embeddedFailure);
    }
  }

  private static TestServer startEmbedded() throws IOException {
    EmbeddedPostgres postgres =
        EmbeddedPostgres.builder()
            .setServerConfig("fsync", "off")
            .setServerConfig("synchronous_commit", "off")
            .setServerConfig("full_page_writes", "off")
            .start();
    Runtime.getRuntime()
        .addShutdownHook(
            new Thread(
                () -> {
                  try {
                    postgres.close();
                  } catch (IOException e) {
                    throw new UncheckedIOException(e);
                  }
                }));
    return new TestServer(postgres.getJdbcUrl("postgres", "postgres"), true);
  }

  @SuppressWarnings("resource") // stopped by Testcontainers' reaper when the JVM ends
  private static TestServer startContainer() {
    PostgreSQLContainer<?> container = new PostgreSQLContainer<>("postgres:15-alpine");
    container.start();
    String url =
        container.getJdbcUrl()
            + "&user="
            + container.getUsername()
            + "&password="
            + container.getPassword();
    return new TestServer(url.replaceFirst("\\?&", "?"), true);
  }
}
