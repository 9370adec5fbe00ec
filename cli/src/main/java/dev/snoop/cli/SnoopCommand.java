package dev.snoop.cli;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import dev.snoop.db.Database;
import dev.snoop.db.DatabaseSettings;
import dev.snoop.db.input.InputReader;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import org.slf4j.LoggerFactory;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ScopeType;

/** The root command and the options every command takes. */
@Command(
    name = "snoop",
    scope = ScopeType.INHERIT,
    mixinStandardHelpOptions = true,
    versionProvider = Version.class,
    description = "How much of the Kubernetes API is exercised by tests and conformance tests.",
    subcommands = {
      DbCommand.class,
      SqlCommand.class,
      LoadCommand.class,
      IngestCommand.class,
      CoverageCommand.class,
      ExportCommand.class,
      GateCommand.class,
      UpCommand.class,
      VerifySubmissionCommand.class,
      VerifyPrCommand.class,
      BotCommand.class,
      ServeCommand.class,
      JobsCommand.class,
      EngineCommand.class,
      BenchCommand.class
    })
final class SnoopCommand {
  @Option(
      names = "--db-url",
      scope = ScopeType.INHERIT,
      defaultValue = "${env:SNOOP_DB_URL}",
      description =
          "JDBC URL of a PostgreSQL 14+ to use (env SNOOP_DB_URL); without it, the embedded"
              + " PostgreSQL runs with its data in --data-dir.")
  String dbUrl;

  @Option(
      names = "--data-dir",
      scope = ScopeType.INHERIT,
      description = "Data directory of the embedded PostgreSQL (default: ~/.snoop/db).")
  Path dataDir;

  @Option(
      names = "--cache-dir",
      scope = ScopeType.INHERIT,
      description = "Where downloaded inputs are cached (default: ~/.snoop/cache).")
  Path cacheDir;

  @Option(
      names = "--lock-wait",
      scope = ScopeType.INHERIT,
      defaultValue = "60",
      description =
          "Seconds to wait while another snoop process uses the embedded database (default: 60).")
  long lockWaitSeconds;

  @Option(
      names = {"-v", "--verbose"},
      scope = ScopeType.INHERIT,
      description = "Log what happens and show stack traces.")
  void verbose(boolean verbose) {
    Logger root = (Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
    root.setLevel(verbose ? Level.INFO : Level.WARN);
    ((Logger) LoggerFactory.getLogger("dev.snoop")).setLevel(verbose ? Level.DEBUG : Level.WARN);
    ((Logger) LoggerFactory.getLogger("com.zaxxer.hikari"))
        .setLevel(verbose ? Level.INFO : Level.ERROR);
  }

  DatabaseSettings databaseSettings() {
    return new DatabaseSettings(
        Optional.ofNullable(dbUrl).filter(u -> !u.isBlank()),
        dataDir == null ? DatabaseSettings.defaultDataDir() : dataDir,
        Duration.ofSeconds(lockWaitSeconds));
  }

  /** Opens and migrates the database the options name. */
  Database openDatabase() {
    return Database.open(databaseSettings());
  }

  InputReader inputReader() {
    return new InputReader(cacheDir == null ? InputReader.defaultCacheDir() : cacheDir);
  }
}
