package dev.snoop.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.snoop.db.Database;
import dev.snoop.db.testing.MigratedDatabase;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * -v in a process of its own (jOOQ prints its banner once per JVM, so only a fresh one can show
 * whether it would): snoop's logs, without jOOQ's logo and tip of the day.
 */
@ExtendWith(MigratedDatabase.class)
class VerboseIT {
  private final String dbUrl;

  VerboseIT(Database database) {
    this.dbUrl = database.jdbcUrl();
  }

  @Test
  void verboseLogsWithoutJooqsLogoAndTips(@TempDir Path temp) throws Exception {
    Path stderr = temp.resolve("stderr.txt");
    Process snoop =
        new ProcessBuilder(
                SnoopRun.processCommand(
                    "-v", "--db-url", dbUrl, "sql", "select count(*) from open_api"))
            .redirectOutput(ProcessBuilder.Redirect.DISCARD)
            .redirectError(stderr.toFile())
            .start();
    assertThat(snoop.waitFor(120, TimeUnit.SECONDS)).isTrue();
    assertThat(snoop.exitValue()).isZero();
    assertThat(Files.readString(stderr))
        .contains("INFO") // -v shows the logs (Flyway's, at least)
        .doesNotContain("@@@@")
        .doesNotContain("Thank you for using jOOQ")
        .doesNotContain("jOOQ tip of the day");
  }
}
