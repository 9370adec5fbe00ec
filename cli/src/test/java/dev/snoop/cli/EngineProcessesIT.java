package dev.snoop.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.snoop.ci.config.Job;
import dev.snoop.ci.config.JobConfigLoader;
import dev.snoop.ci.config.ProwSettings;
import dev.snoop.ci.engine.HandRuns;
import dev.snoop.ci.run.JobRun;
import dev.snoop.ci.run.JobState;
import dev.snoop.ci.run.JobStore;
import dev.snoop.ci.run.Refs;
import dev.snoop.db.Database;
import dev.snoop.db.testing.MigratedDatabase;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.jooq.DSLContext;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * snoop engine as a real process, killed with -9 while its runs' processes run, then another
 * started: it adopts them, nothing runs twice and nothing is lost.
 */
@ExtendWith(MigratedDatabase.class)
class EngineProcessesIT {
  private static final int RUNS = 5;
  private static final int LIMIT = 2;

  private final DSLContext sql;
  private final String dbUrl;
  @TempDir Path temp;

  EngineProcessesIT(Database database) {
    this.sql = database.dsl();
    this.dbUrl = database.jdbcUrl();
  }

  @Test
  void anEngineKilledWithMinus9IsSucceededByOneThatAdoptsItsRuns() throws Exception {
    Path journal = temp.resolve("journal.txt");
    Path config = temp.resolve("jobs.yaml");
    Files.writeString(
        config,
        """
        postsubmits:
          snoop/test:
          - name: work
            max_concurrency: %d
            spec:
              containers:
              - image: busybox
                command: [sh, -c]
                args: ["echo start $BUILD_ID >> %s; sleep 3; echo end $BUILD_ID >> %s"]
        """
            .formatted(LIMIT, journal, journal));
    Job job = JobConfigLoader.load(List.of(config), ProwSettings.NONE).validJobs().get(0);
    List<JobRun> runs = new ArrayList<>();
    for (int i = 0; i < RUNS; i++) {
      Refs refs = new Refs("snoop", "test", "main", Optional.of("abc" + i), List.of());
      runs.add(HandRuns.trigger(sql, Clock.systemUTC(), job, Optional.of(refs), "local"));
    }

    Process first = engine(config, "first");
    awaitRunning(runs);
    first.destroyForcibly(); // SIGKILL: no lease given up, no process stopped
    assertThat(first.waitFor(30, TimeUnit.SECONDS)).isTrue();
    List<JobRun> runningAtKill =
        runs.stream().map(this::read).filter(r -> r.podName().isPresent()).toList();
    assertThat(runningAtKill).isNotEmpty();
    String firstOwner = runningAtKill.get(0).owner().orElseThrow();

    Process second = engine(config, "second");
    try {
      awaitComplete(runs, Duration.ofMinutes(3));
    } finally {
      second.destroy();
      second.waitFor(30, TimeUnit.SECONDS);
    }

    List<String> lines = Files.readAllLines(journal);
    Map<String, Integer> starts = new HashMap<>();
    int running = 0;
    int most = 0;
    for (String line : lines) {
      String[] parts = line.split(" ");
      if (parts[0].equals("start")) {
        starts.merge(parts[1], 1, Integer::sum);
        most = Math.max(most, ++running);
      } else {
        running--;
      }
    }
    for (JobRun run : runs) {
      JobRun done = read(run);
      assertThat(done.state()).as(run.buildIdText()).isEqualTo(JobState.SUCCESS);
      assertThat(starts.get(run.buildIdText())).as("starts of " + run.buildIdText()).isEqualTo(1);
    }
    assertThat(lines).hasSize(2 * RUNS);
    assertThat(most).isBetween(1, LIMIT);
    for (JobRun adopted : runningAtKill) {
      JobRun done = read(adopted);
      assertThat(done.owner())
          .as("adopted by the second engine")
          .isNotEqualTo(Optional.of(firstOwner));
      assertThat(done.pendingTime()).as("started once, not again").isEqualTo(adopted.pendingTime());
      assertThat(done.podName()).isEqualTo(adopted.podName());
    }
  }

  @Test
  void serveWithEngineRunsPeriodicsBesideTheRoutes() throws Exception {
    Path config = temp.resolve("periodic.yaml");
    Files.writeString(
        config,
        """
        periodics:
        - name: served-periodic
          interval: 24h
          spec:
            containers:
            - image: busybox
              command: [sh, -c, "echo ran"]
        """);
    List<String> command = new ArrayList<>(SnoopRun.processCommand());
    command.addAll(
        List.of(
            "--db-url",
            dbUrl,
            "serve",
            "--listen",
            "127.0.0.1:0",
            "--live-release",
            "1.33.0",
            "--engine",
            "--config",
            config.toString(),
            "--artifacts",
            temp.resolve("artifacts").toString(),
            "--work-dir",
            temp.resolve("work").toString()));
    Process serve =
        new ProcessBuilder(command)
            .redirectOutput(temp.resolve("serve-out.txt").toFile())
            .redirectError(temp.resolve("serve-err.txt").toFile())
            .start();
    try {
      Instant end = Instant.now().plusSeconds(90);
      Optional<JobRun> run = Optional.empty();
      while (Instant.now().isBefore(end) && !run.map(JobRun::complete).orElse(false)) {
        Thread.sleep(200);
        run = JobStore.history(sql, "served-periodic", 1).stream().findFirst();
      }
      assertThat(run).as(Files.readString(temp.resolve("serve-err.txt"))).isPresent();
      assertThat(run.get().state()).isEqualTo(JobState.SUCCESS);
      String out = Files.readString(temp.resolve("serve-out.txt"));
      assertThat(out).contains("snoop engine ").contains("snoop serves http://127.0.0.1:");
      assertThat(serve.isAlive()).isTrue();
    } finally {
      serve.destroy();
      assertThat(serve.waitFor(30, TimeUnit.SECONDS)).as("stopped on SIGTERM").isTrue();
    }
  }

  private Process engine(Path config, String name) throws IOException {
    List<String> command = new ArrayList<>(SnoopRun.processCommand());
    command.addAll(
        List.of(
            "--db-url",
            dbUrl,
            "engine",
            "--config",
            config.toString(),
            "--artifacts",
            temp.resolve("artifacts").toString(),
            "--work-dir",
            temp.resolve("work").toString(),
            "--lease",
            "2s",
            "--resync",
            "200ms"));
    return new ProcessBuilder(command)
        .redirectOutput(temp.resolve(name + "-out.txt").toFile())
        .redirectError(temp.resolve(name + "-err.txt").toFile())
        .start();
  }

  private JobRun read(JobRun run) {
    return JobStore.find(sql, run.id()).orElseThrow();
  }

  private void awaitRunning(List<JobRun> runs) throws InterruptedException {
    Instant end = Instant.now().plusSeconds(60);
    while (Instant.now().isBefore(end)) {
      if (runs.stream().anyMatch(r -> read(r).podName().isPresent())) {
        Thread.sleep(500); // its process is under way
        return;
      }
      Thread.sleep(50);
    }
    throw new AssertionError("no run started within a minute");
  }

  private void awaitComplete(List<JobRun> runs, Duration limit) throws InterruptedException {
    Instant end = Instant.now().plus(limit);
    while (Instant.now().isBefore(end)) {
      if (runs.stream().allMatch(r -> read(r).complete())) {
        return;
      }
      Thread.sleep(200);
    }
    throw new AssertionError(
        "runs not complete after " + limit + ": " + runs.stream().map(this::read).toList());
  }
}
