package dev.snoop.cli;

import dev.snoop.db.DatabaseInUseException;
import dev.snoop.db.input.InputException;
import java.io.PrintWriter;
import picocli.CommandLine;
import picocli.CommandLine.IExecutionExceptionHandler;
import picocli.CommandLine.ParseResult;

/**
 * Turns exceptions into one {@code ERROR:} line and an exit code; the stack trace only with -v.
 * Input and usage errors exit 2, with a hint where the command line can help; anything else is a
 * fault of snoop's (an internal error, 70), whatever its type. Picocli's own usage errors (unknown
 * options, bad values of typed options) never reach here and exit 2 too.
 */
final class ErrorHandler implements IExecutionExceptionHandler {
  @Override
  public int handleExecutionException(Exception e, CommandLine cli, ParseResult parsed) {
    boolean verbose = verbose(parsed);
    boolean userError = isUserError(e);
    PrintWriter err = cli.getErr();
    err.println(
        "ERROR: "
            + (userError
                ? e.getMessage() + Hints.of(e).map(hint -> "; " + hint).orElse("")
                : "internal error: " + e));
    if (verbose) {
      e.printStackTrace(err);
    } else if (!userError) {
      err.println("(run again with -v for the stack trace)");
    }
    return userError ? ExitCode.USER_ERROR : ExitCode.INTERNAL_ERROR;
  }

  /** A missing or bad input, or a mistake in how snoop was called. */
  static boolean isUserError(Exception e) {
    return e instanceof InputException
        || e instanceof DatabaseInUseException
        || e instanceof UserException;
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
