package dev.snoop.db;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The embedded database: kept between runs, one process at a time, safe after a kill -9. */
class EmbeddedDatabaseIT {
  @TempDir Path dataDir;

  @Test
  void keepsItsDataBetweenRuns() {
    try (Database db = open(Duration.ofSeconds(5))) {
      assertThat(db.isEmbedded()).isTrue();
      db.dsl()
          .execute(
              "insert into snoop.release (release, release_date) values ('1.34.0', '2025-08-27')");
    }
    try (Database db = open(Duration.ofSeconds(5))) {
      assertThat(db.dsl().fetchValue("select count(*) from snoop.release")).isEqualTo(1L);
      assertThat(db.schemaStatus().pendingMigrations()).isZero();
    }
  }

  @Test
  void aSecondProcessWaitsThenSaysTheDatabaseIsInUse() throws Exception {
    Process holder = startHolder();
    try {
      assertThatThrownBy(() -> open(Duration.ofSeconds(1)))
          .isInstanceOf(DatabaseInUseException.class)
          .hasMessageContaining(dataDir.toString())
          .hasMessageContaining("in use by another snoop process (pid " + holder.pid() + ")");
    } finally {
      holder.getOutputStream().close();
      assertThat(holder.waitFor(30, TimeUnit.SECONDS)).isTrue();
    }
    try (Database db = open(Duration.ofSeconds(5))) {
      assertThat(db.dsl().fetchValue("select 1")).isEqualTo(1);
    }
  }

  @Test
  void aWaitingProcessGetsTheDatabaseWhenTheFirstFinishes() throws Exception {
    Process holder = startHolder();
    Thread release =
        new Thread(
            () -> {
              try {
                Thread.sleep(1500);
                holder.getOutputStream().close();
              } catch (Exception e) {
                throw new IllegalStateException(e);
              }
            });
    release.start();
    try (Database db = open(Duration.ofSeconds(60))) {
      assertThat(holder.isAlive()).isFalse();
      assertThat(db.dsl().fetchValue("select 1")).isEqualTo(1);
    }
    release.join();
  }

  @Test
  void startsAfterAProcessWasKilledWithItsServerRunning() throws Exception {
    Process holder = startHolder();
    holder.destroyForcibly().waitFor(30, TimeUnit.SECONDS);
    try (Database db = open(Duration.ofSeconds(5))) {
      assertThat(db.dsl().fetchValue("select 1")).isEqualTo(1);
    }
  }

  private Database open(Duration lockWait) {
    return Database.open(new DatabaseSettings(Optional.empty(), dataDir, lockWait));
  }

  /** Another JVM holding the database; returns once it has it open. */
  private Process startHolder() throws Exception {
    Process process =
        new ProcessBuilder(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp",
                System.getProperty("java.class.path"),
                HoldDatabase.class.getName(),
                dataDir.toString())
            .redirectError(ProcessBuilder.Redirect.INHERIT)
            .start();
    BufferedReader out =
        new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
    assertThat(out.readLine()).isEqualTo("open");
    return process;
  }
}
