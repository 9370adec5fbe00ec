package dev.snoop.cli;

import dev.snoop.db.DatabaseInUseException;
import dev.snoop.db.input.InputException;
import picocli.CommandLine;
import picocli.CommandLine.IExecutionExceptionHandler;
import picocli.CommandLine.ParseResult;

/**
 * Turns exceptions into one {@code ERROR:} line and an exit code; the stack trace only with -v.
 * User errors exit 2, anything else 70.
 */
final class ErrorHandler implements IExecutionExceptionHandler {
  @Override
  public int handleExecutionException(Exception e, CommandLine cli, ParseResult parsed) {
    boolean verbose = verbose(parsed);
    boolean userError =
        e instanceof InputException
            || e instanceof DatabaseInUseException
            || e instanceof IllegalArgumentException
            || e instanceof UserException;
    cli.getErr().println("ERROR: " + (userError ? e.getMessage() : "internal error: " + e));
    if (verbose) {
      e.printStackTrace(cli.getErr());
    } else if (!userError) {
      cli.getErr().println("(run again with -v for the stack trace)");
    }
    return userError ? ExitCode.USER_ERROR : ExitCode.INTERNAL_ERROR;
  }

  /** -v is inherited, so it may have been given to the command or to any of its subcommands. */
  private static boolean verbose(ParseResult parsed) {
    for (ParseResult r = parsed; r != null; r = r.subcommand()) {
      if (r.hasMatchedOption("-v")) {
        return true;
      }
    }
    return false;
  }
}
