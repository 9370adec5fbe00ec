package dev.snoop.cli;

import dev.snoop.db.Database;
import java.util.concurrent.Callable;
import org.jooq.Result;
import org.jooq.exception.DataAccessException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code snoop sql "<query>"}: run a query and print its result. */
@Command(name = "sql", description = "Run a SQL query on snoopdb and print the result.")
final class SqlCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Parameters(index = "0", paramLabel = "QUERY", description = "The SQL to run.")
  String query;

  /** Output formats. */
  enum Format {
    table,
    csv,
    json
  }

  @Option(
      names = "--format",
      defaultValue = "table",
      description = "table (default), csv (with a header row) or json.")
  Format format;

  @Override
  public Integer call() {
    SnoopCommand root = (SnoopCommand) spec.root().userObject();
    try (Database db = root.openDatabase()) {
      Result<?> result;
      try {
        result = db.dsl().fetch(query);
      } catch (DataAccessException e) {
        throw new UserException("the query failed: " + e.getCause().getMessage());
      }
      spec.commandLine()
          .getOut()
          .print(
              switch (format) {
                case table -> result.format(Integer.MAX_VALUE) + "\n";
                case csv -> result.formatCSV(true);
                case json ->
                    result.formatJSON(
                            new org.jooq.JSONFormat()
                                .header(false)
                                .recordFormat(org.jooq.JSONFormat.RecordFormat.OBJECT))
                        + "\n";
              });
    }
    return ExitCode.OK;
  }
}
