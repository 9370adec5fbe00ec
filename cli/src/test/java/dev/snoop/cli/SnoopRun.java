package dev.snoop.cli;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * One run of the snoop command in this JVM, as the CLI tests make it: what it printed and returned.
 */
record SnoopRun(int exit, String out, String err) {
  /** Runs snoop with these arguments on the database at {@code dbUrl}, capturing its output. */
  static SnoopRun of(String dbUrl, Path cacheDir, String... args) {
    List<String> all =
        new ArrayList<>(List.of("--db-url", dbUrl, "--cache-dir", cacheDir.toString()));
    all.addAll(List.of(args));
    PrintStream out = System.out;
    PrintStream err = System.err;
    ByteArrayOutputStream capturedOut = new ByteArrayOutputStream();
    ByteArrayOutputStream capturedErr = new ByteArrayOutputStream();
    try {
      System.setOut(new PrintStream(capturedOut, true, StandardCharsets.UTF_8));
      System.setErr(new PrintStream(capturedErr, true, StandardCharsets.UTF_8));
      int exit = Main.run(all.toArray(String[]::new));
      return new SnoopRun(
          exit,
          capturedOut.toString(StandardCharsets.UTF_8),
          capturedErr.toString(StandardCharsets.UTF_8));
    } finally {
      System.setOut(out);
      System.setErr(err);
    }
  }
}
