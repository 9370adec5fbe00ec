package dev.snoop.db;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The embedded PostgreSQL (binaries from Maven Central) with its data kept in a directory between
 * runs. Layout of the directory: {@code pgdata/} the cluster, {@code port} the port it always uses
 * (so its URL stays the same), {@code lock} held by the process that runs it.
 */
final class EmbeddedServer implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(EmbeddedServer.class);
  static final String DATABASE = "snoop";
  private static final Duration STALE_STOP_WAIT = Duration.ofSeconds(30);

  private final DataDirLock lock;
  private final EmbeddedPostgres postgres;

  private EmbeddedServer(DataDirLock lock, EmbeddedPostgres postgres) {
    this.lock = lock;
    this.postgres = postgres;
  }

  static EmbeddedServer start(Path dataDir, Duration lockWait) {
    DataDirLock lock = DataDirLock.acquire(dataDir, lockWait);
    try {
      Path pgdata = dataDir.resolve("pgdata");
      stopServerLeftByKilledProcess(pgdata);
      int port = port(dataDir);
      EmbeddedPostgres postgres =
          EmbeddedPostgres.builder()
              .setDataDirectory(pgdata)
              .setCleanDataDirectory(false)
              .setPort(port)
              .setServerConfig("listen_addresses", "127.0.0.1")
              // Nothing replicates a local database, so WAL is kept minimal: a bulk load into a
              // table created in the same transaction (each ingest run's) then skips WAL.
              .setServerConfig("wal_level", "minimal")
              .setServerConfig("max_wal_senders", "0")
              .start();
      createDatabaseIfMissing(postgres);
      log.debug("embedded PostgreSQL on port {} with data in {}", port, pgdata);
      return new EmbeddedServer(lock, postgres);
    } catch (IOException e) {
      lock.close();
      throw new UncheckedIOException("cannot start the embedded PostgreSQL in " + dataDir, e);
    } catch (RuntimeException e) {
      lock.close();
      throw e;
    }
  }

  String jdbcUrl() {
    return "jdbc:postgresql://127.0.0.1:" + postgres.getPort() + "/" + DATABASE + "?user=postgres";
  }

  /** The port is chosen once and kept, so the URL printed by {@code snoop db url} stays valid. */
  private static int port(Path dataDir) throws IOException {
    Path portFile = dataDir.resolve("port");
    if (Files.exists(portFile)) {
      return Integer.parseInt(Files.readString(portFile, StandardCharsets.UTF_8).trim());
    }
    int port;
    try (ServerSocket socket = new ServerSocket(0)) {
      port = socket.getLocalPort();
    }
    Files.writeString(portFile, Integer.toString(port), StandardCharsets.UTF_8);
    return port;
  }

  /**
   * pg_ctl runs the server as a daemon, so a snoop process killed with -9 leaves it running. We
   * hold the lock, so no snoop process uses it: stop it before starting our own.
   */
  private static void stopServerLeftByKilledProcess(Path pgdata) throws IOException {
    Path pidFile = pgdata.resolve("postmaster.pid");
    if (!Files.exists(pidFile)) {
      return;
    }
    List<String> lines = Files.readAllLines(pidFile, StandardCharsets.UTF_8);
    Optional<ProcessHandle> server =
        lines.isEmpty() ? Optional.empty() : ProcessHandle.of(Long.parseLong(lines.get(0).trim()));
    if (server.isEmpty() || !server.get().isAlive()) {
      return;
    }
    log.info("stopping a PostgreSQL left running in {} by an earlier snoop process", pgdata);
    server.get().destroy();
    try {
      server.get().onExit().get(STALE_STOP_WAIT.toSeconds(), java.util.concurrent.TimeUnit.SECONDS);
    } catch (Exception e) {
      throw new IllegalStateException(
          "a PostgreSQL server (pid "
              + server.get().pid()
              + ") left in "
              + pgdata
              + " did not stop",
          e);
    }
  }

  private static void createDatabaseIfMissing(EmbeddedPostgres postgres) {
    try (Connection connection = postgres.getPostgresDatabase().getConnection();
        Statement statement = connection.createStatement()) {
      try (ResultSet rs =
          statement.executeQuery("select 1 from pg_database where datname = '" + DATABASE + "'")) {
        if (rs.next()) {
          return;
        }
      }
      statement.execute("create database " + DATABASE);
    } catch (SQLException e) {
      throw new IllegalStateException("cannot create the database " + DATABASE, e);
    }
  }

  @Override
  public void close() {
    try {
      postgres.close();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } finally {
      lock.close();
    }
  }
}
