package dev.snoop.cli;

import java.io.PrintWriter;
import picocli.CommandLine;

/** Entry point of the snoop command. */
public final class Main {
  private Main() {}

  public static void main(String[] args) {
    System.exit(run(new PrintWriter(System.out, true), new PrintWriter(System.err, true), args));
  }

  /**
   * Runs the command, printing its results to {@code out} and its errors and progress to {@code
   * err}, and returns its exit code (tests call this instead of main).
   */
  public static int run(PrintWriter out, PrintWriter err, String... args) {
    CommandLine cli = new CommandLine(new SnoopCommand());
    cli.setOut(out);
    cli.setErr(err);
    cli.setExecutionExceptionHandler(new ErrorHandler());
    cli.setCaseInsensitiveEnumValuesAllowed(true);
    try {
      return cli.execute(args);
    } finally {
      out.flush();
      err.flush();
    }
  }
}
