package dev.snoop.cli;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * One run of the snoop command in this JVM, as the CLI tests make it: what it printed and returned.
 */
record SnoopRun(int exit, String out, String err) {
  /** The command line that runs snoop with these arguments in a JVM of its own. */
  static List<String> processCommand(String... args) {
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.addAll(List.of("-cp", System.getProperty("java.class.path"), Main.class.getName()));
    command.addAll(List.of(args));
    return command;
  }

  /** Runs snoop with these arguments on the database at {@code dbUrl}, capturing its output. */
  static SnoopRun of(String dbUrl, Path cacheDir, String... args) {
    List<String> all =
        new ArrayList<>(List.of("--db-url", dbUrl, "--cache-dir", cacheDir.toString()));
    all.addAll(List.of(args));
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    int exit =
        Main.run(
            new PrintWriter(out, true), new PrintWriter(err, true), all.toArray(String[]::new));
    return new SnoopRun(exit, out.toString(), err.toString());
  }
}
