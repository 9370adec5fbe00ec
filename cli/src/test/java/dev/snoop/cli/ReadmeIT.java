package dev.snoop.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.snoop.db.Database;
import dev.snoop.db.testing.MigratedDatabase;
import dev.snoop.db.testing.SharedData;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/** The README's first command runs as written (on a test database), so it cannot drift. */
@ExtendWith(MigratedDatabase.class)
class ReadmeIT {
  private final String dbUrl;
  @TempDir Path temp;

  ReadmeIT(Database database) {
    this.dbUrl = database.jdbcUrl();
  }

  record Run(int exit, String out, String err) {}

  /** The README's first command, on the test database, prints APISnoop's 1.33.0 numbers. */
  @Test
  void theReadmesFirstCommandPrintsTheCoverage() throws IOException {
    Path root = SharedData.path("apisnoop-coverage/releases.yaml").getParent().getParent();
    String readme = Files.readString(projectRoot().resolve("README.md"));
    String command =
        readme
            .lines()
            .filter(l -> l.startsWith("./snoop up "))
            .findFirst()
            .orElseThrow(() -> new AssertionError("README.md has no ./snoop up command"));
    List<String> args = new ArrayList<>();
    for (String word : command.substring("./snoop ".length()).split(" +")) {
      args.add(word.replace("../shared/data/", root + "/"));
    }
    Run run = snoop(args.toArray(String[]::new));
    assertThat(run.exit()).as(run.err()).isZero();
    assertThat(run.out())
        .contains("release 1.33.0 (levels by the apisnoop rule)")
        .contains("coverage of 1.33.0 by 1 audit run (13,629 events):")
        .containsPattern("all levels +843 +484 \\(57\\.4%\\)");
  }

  private static Path projectRoot() {
    Path dir = Path.of("").toAbsolutePath();
    while (!Files.exists(dir.resolve("mvnw"))) {
      dir = dir.getParent();
    }
    return dir;
  }

  private Run snoop(String... args) {
    List<String> all = new ArrayList<>(List.of("--db-url", dbUrl, "--cache-dir", temp.toString()));
    all.addAll(List.of(args));
    PrintStream out = System.out;
    PrintStream err = System.err;
    ByteArrayOutputStream capturedOut = new ByteArrayOutputStream();
    ByteArrayOutputStream capturedErr = new ByteArrayOutputStream();
    try {
      System.setOut(new PrintStream(capturedOut, true, StandardCharsets.UTF_8));
      System.setErr(new PrintStream(capturedErr, true, StandardCharsets.UTF_8));
      int exit = Main.run(all.toArray(String[]::new));
      return new Run(
          exit,
          capturedOut.toString(StandardCharsets.UTF_8),
          capturedErr.toString(StandardCharsets.UTF_8));
    } finally {
      System.setOut(out);
      System.setErr(err);
    }
  }
}
