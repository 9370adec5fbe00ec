package dev.snoop.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.snoop.db.Database;
import dev.snoop.db.testing.MigratedDatabase;
import dev.snoop.db.testing.SharedData;
import java.io.IOException;
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
    SnoopRun run = snoop(args.toArray(String[]::new));
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

  private SnoopRun snoop(String... args) {
    return SnoopRun.of(dbUrl, temp, args);
  }
}
