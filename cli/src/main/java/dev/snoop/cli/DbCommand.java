package dev.snoop.cli;

import dev.snoop.db.Database;
import dev.snoop.db.DatabaseSettings;
import dev.snoop.db.DatabaseStatus;
import java.io.IOException;
import java.io.PrintWriter;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/** {@code snoop db status|url|psql|reset}. */
@Command(
    name = "db",
    description = "The database: its status, URL, a psql shell, a reset.",
    subcommands = {
      DbCommand.Status.class,
      DbCommand.Url.class,
      DbCommand.Psql.class,
      DbCommand.Reset.class
    })
final class DbCommand {
  @Spec CommandSpec spec;

  SnoopCommand root() {
    return (SnoopCommand) spec.root().userObject();
  }

  @Command(
      name = "status",
      description = "Where the database is, its schema version, what is loaded.")
  static final class Status implements Callable<Integer> {
    @ParentCommand DbCommand db;
    @Spec CommandSpec spec;

    @Override
    public Integer call() {
      DatabaseSettings settings = db.root().databaseSettings();
      try (Database database = Database.connect(settings)) {
        spec.commandLine().getOut().print(DatabaseStatus.of(database, settings).describe());
      }
      return ExitCode.OK;
    }
  }

  @Command(
      name = "url",
      description =
          "Print the JDBC and libpq URLs. The embedded server answers only while a snoop command"
              + " runs (snoop db psql keeps it up).")
  static final class Url implements Callable<Integer> {
    @ParentCommand DbCommand db;
    @Spec CommandSpec spec;

    @Override
    public Integer call() {
      try (Database database = db.root().openDatabase()) {
        PrintWriter out = spec.commandLine().getOut();
        out.println(database.jdbcUrl());
        out.println(database.libpqUrl());
      }
      return ExitCode.OK;
    }
  }

  @Command(name = "psql", description = "Open psql on the database (psql must be on the PATH).")
  static final class Psql implements Callable<Integer> {
    @ParentCommand DbCommand db;
    @Spec CommandSpec spec;

    @Override
    public Integer call() throws IOException, InterruptedException {
      try (Database database = db.root().openDatabase()) {
        Process psql;
        try {
          psql = new ProcessBuilder("psql", database.libpqUrl()).inheritIO().start();
        } catch (IOException e) {
          throw new UserException(
              "psql is not on the PATH (apt-get install postgresql-client); the database is at "
                  + database.libpqUrl());
        }
        return psql.waitFor();
      }
    }
  }

  @Command(name = "reset", description = "Drop everything in the database and migrate it afresh.")
  static final class Reset implements Callable<Integer> {
    @ParentCommand DbCommand db;
    @Spec CommandSpec spec;

    @Option(names = "--yes", description = "Confirm that every loaded row is to be deleted.")
    boolean yes;

    @Override
    public Integer call() {
      if (!yes) {
        throw new UserException("db reset deletes everything loaded; run it with --yes to confirm");
      }
      try (Database database = Database.connect(db.root().databaseSettings())) {
        database.reset();
        spec.commandLine().getOut().println("database reset: " + database.schemaStatus().version());
      }
      return ExitCode.OK;
    }
  }
}
