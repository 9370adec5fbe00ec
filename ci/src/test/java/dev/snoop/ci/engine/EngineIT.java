package dev.snoop.ci.engine;

import static org.assertj.core.api.Assertions.assertThat;

import dev.snoop.ci.config.Job;
import dev.snoop.ci.exec.Executor;
import dev.snoop.ci.run.JobRun;
import dev.snoop.ci.run.JobState;
import dev.snoop.ci.run.JobStore;
import dev.snoop.db.Database;
import dev.snoop.db.testing.MigratedDatabase;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** Each transition of a run, driven pass by pass with the test's clock. */
@ExtendWith(MigratedDatabase.class)
class EngineIT {
  private static final List<Job> JOBS =
      TestJobs.load(
          "periodics:\n"
              + TestJobs.periodic("limited", "interval: 1h", "  max_concurrency: 2\n")
              + TestJobs.periodic(
                  "short",
                  "interval: 1h",
                  "  decorate: true\n  decoration_config:\n    timeout: 10m\n    grace_period: 5s\n")
              + TestJobs.periodic("refused", "interval: 1h", ""));

  private final Database db;
  private static int tests;
  // each test a day later: its engine takes the node the one before released, so its build ids
  // must come later
  private final MutableClock clock =
      new MutableClock(Instant.parse("2026-12-01T10:00:00Z").plus(Duration.ofDays(++tests)));
  private final FakeCluster cluster = new FakeCluster();
  private final Executor executor = cluster.executor();
  private final List<String> events = new ArrayList<>();
  private final Engine engine;

  EngineIT(Database db) {
    this.db = db;
    RunListener listener =
        new RunListener() {
          @Override
          public void started(JobRun run) {
            events.add("started " + run.id());
          }

          @Override
          public void finished(JobRun run) {
            events.add("finished " + run.id() + " " + run.state().prowName());
          }
        };
    EngineSettings settings =
        new EngineSettings(
            EngineSettings.DEFAULT_LEASE,
            EngineSettings.DEFAULT_RESYNC,
            "fake",
            Optional.empty(),
            run -> Optional.of("https://snoop.example/view/" + run.buildIdText()),
            GcSettings.OFF,
            false);
    engine = Engine.manual(db.dsl(), clock, JOBS, Map.of("fake", executor), listener, settings);
  }

  @AfterEach
  void close() {
    engine.close();
  }

  private JobRun trigger(String job) {
    JobRun run =
        engine
            .newRuns()
            .triggered(TestJobs.job(JOBS, job), Optional.empty(), "fake", Optional.empty());
    JobStore.insert(db.dsl(), run);
    clock.advance(Duration.ofMillis(1));
    return run;
  }

  private JobRun read(JobRun run) {
    return JobStore.find(db.dsl(), run.id()).orElseThrow();
  }

  @Test
  void aRunGoesFromTriggeredToPendingToSuccessWithProwsStatus() {
    JobRun run = trigger("short");
    Instant admittedAt = clock.instant();
    engine.pass();

    JobRun pending = read(run);
    assertThat(pending.state()).isEqualTo(JobState.PENDING);
    assertThat(pending.pendingTime()).contains(admittedAt);
    assertThat(pending.podName()).contains(run.id());
    assertThat(pending.description()).isEqualTo("Job triggered.");
    assertThat(pending.url()).contains("https://snoop.example/view/" + run.buildIdText());
    assertThat(pending.owner()).contains(engine.owner());
    assertThat(pending.complete()).isFalse();
    assertThat(events).containsExactly("started " + run.id());

    engine.pass();
    assertThat(read(run).state()).isEqualTo(JobState.PENDING);

    cluster.finish(run.id(), JobState.SUCCESS);
    clock.advance(Duration.ofSeconds(3));
    engine.pass();
    JobRun done = read(run);
    assertThat(done.state()).isEqualTo(JobState.SUCCESS);
    assertThat(done.description()).isEqualTo("Job succeeded.");
    assertThat(done.completionTime()).contains(clock.instant());
    assertThat(events).containsExactly("started " + run.id(), "finished " + run.id() + " success");
    assertThat(cluster.starts(run.id())).isEqualTo(1);
  }

  @Test
  void aFailedWorkloadFailsTheRun() {
    JobRun run = trigger("short");
    engine.pass();
    cluster.finish(run.id(), JobState.FAILURE);
    engine.pass();
    assertThat(read(run).state()).isEqualTo(JobState.FAILURE);
    assertThat(read(run).description()).isEqualTo("Job failed.");
  }

  @Test
  void aWorkloadTheExecutorRefusesIsAnErrorNeverRetried() {
    cluster.refuse.add("refused");
    JobRun run = trigger("refused");
    engine.pass();
    JobRun done = read(run);
    assertThat(done.state()).isEqualTo(JobState.ERROR);
    assertThat(done.description()).startsWith("Pod can not be created: pods \"" + run.id());
    assertThat(done.complete()).isTrue();
    engine.pass();
    assertThat(cluster.starts(run.id())).isZero();
  }

  @Test
  void aWorkloadGoneAfterItsStartWasRecordedIsAnErrorNotASecondRun() {
    JobRun run = trigger("short");
    engine.pass();
    cluster.workloads.remove(run.id());
    engine.pass();
    JobRun done = read(run);
    assertThat(done.state()).isEqualTo(JobState.ERROR);
    assertThat(done.description()).isEqualTo("Pod got deleted unexpectedly");
    assertThat(cluster.starts(run.id())).isEqualTo(1);
  }

  @Test
  void maxConcurrencyAdmitsTheOldestRunsFirstAndNeverMore() {
    List<JobRun> runs = new ArrayList<>();
    for (int i = 0; i < 5; i++) {
      runs.add(trigger("limited"));
    }
    engine.pass();
    assertThat(states(runs))
        .containsExactly(
            JobState.PENDING,
            JobState.PENDING,
            JobState.TRIGGERED,
            JobState.TRIGGERED,
            JobState.TRIGGERED);

    cluster.finish(runs.get(1).id(), JobState.SUCCESS);
    engine.pass();
    assertThat(states(runs))
        .containsExactly(
            JobState.PENDING,
            JobState.SUCCESS,
            JobState.PENDING,
            JobState.TRIGGERED,
            JobState.TRIGGERED);
    engine.pass();
    assertThat(states(runs)).filteredOn(s -> s == JobState.PENDING).hasSize(2);

    // an aborted queued run frees nothing and is skipped: the next oldest goes first
    JobStore.requestAbort(db.dsl(), runs.get(3).id(), "Aborted by a user.");
    cluster.finish(runs.get(0).id(), JobState.SUCCESS);
    engine.pass();
    assertThat(states(runs))
        .containsExactly(
            JobState.SUCCESS,
            JobState.SUCCESS,
            JobState.PENDING,
            JobState.ABORTED,
            JobState.PENDING);
    assertThat(cluster.mostRunning.get("limited").get()).isEqualTo(2);
  }

  @Test
  void aRunTimesOutAtItsDeadlineAndFailsWithTheEntrypointsMessage() {
    JobRun run = trigger("short");
    engine.pass();
    Instant deadline = read(run).pendingTime().orElseThrow().plus(Duration.ofMinutes(10));

    clock.set(deadline.minusMillis(1));
    engine.pass();
    assertThat(cluster.aborts).isEmpty();
    assertThat(read(run).description()).isEqualTo("Job triggered.");

    clock.set(deadline);
    engine.pass();
    assertThat(cluster.aborts).containsExactly(run.id());
    assertThat(read(run).state()).isEqualTo(JobState.PENDING);
    assertThat(read(run).description()).isEqualTo("Process did not finish before 10m0s timeout");

    engine.pass(); // stopped by the abort
    JobRun done = read(run);
    assertThat(done.state()).isEqualTo(JobState.FAILURE);
    assertThat(done.description()).isEqualTo("Process did not finish before 10m0s timeout");
    assertThat(done.completionTime()).contains(deadline);
  }

  @Test
  void anAbortedQueuedRunCompletesWithoutEverStarting() {
    JobRun run = trigger("short");
    assertThat(JobStore.requestAbort(db.dsl(), run.id(), "Aborted by trigger plugin.")).isTrue();
    engine.pass();
    JobRun done = read(run);
    assertThat(done.state()).isEqualTo(JobState.ABORTED);
    assertThat(done.description()).isEqualTo("Aborted by trigger plugin.");
    assertThat(done.complete()).isTrue();
    assertThat(cluster.starts(run.id())).isZero();
    assertThat(events).containsExactly("finished " + run.id() + " aborted");
  }

  @Test
  void anAbortedRunningRunIsStoppedThenCompleted() {
    JobRun run = trigger("short");
    engine.pass();
    JobStore.requestAbort(db.dsl(), run.id(), "Aborted by a user.");
    cluster.runFor = Duration.ofDays(1);
    // the workload ignores the interrupt for a while: the run stays incomplete
    FakeCluster.Workload w = cluster.workloads.get(run.id());
    Executor stubborn =
        new Executor() {
          @Override
          public String name() {
            return "fake";
          }

          @Override
          public String start(JobRun r) {
            return executor.start(r);
          }

          @Override
          public Observation observe(JobRun r) {
            return executor.observe(r);
          }

          @Override
          public void abort(JobRun r) {
            cluster.aborts.add(r.id());
          }

          @Override
          public void cleanUp(JobRun r) {}
        };
    try (Engine second =
        Engine.manual(
            db.dsl(),
            clock,
            JOBS,
            Map.of("fake", stubborn),
            RunListener.NONE,
            EngineSettings.defaults("fake").withGc(GcSettings.OFF))) {
      clock.advance(EngineSettings.DEFAULT_LEASE.plusSeconds(1)); // the first engine died
      second.pass();
      assertThat(cluster.aborts).containsExactly(run.id());
      assertThat(read(run).complete()).isFalse();
      assertThat(read(run).owner()).contains(second.owner());
      w.end = JobState.ABORTED;
      second.pass();
    }
    JobRun done = read(run);
    assertThat(done.state()).isEqualTo(JobState.ABORTED);
    assertThat(done.description()).isEqualTo("Aborted by a user.");
    assertThat(done.complete()).isTrue();
  }

  @Test
  void aRunWhoseExecutorFailsHoldsUpNoOtherRun() {
    JobRun broken = trigger("short");
    JobRun fine = trigger("short");
    Executor failing =
        new Executor() {
          @Override
          public String name() {
            return "fake";
          }

          @Override
          public String start(JobRun run) {
            return executor.start(run);
          }

          @Override
          public Observation observe(JobRun run) {
            if (run.id().equals(broken.id())) {
              throw new IllegalStateException("the executor cannot see " + run.id());
            }
            return executor.observe(run);
          }

          @Override
          public void abort(JobRun run) {}

          @Override
          public void cleanUp(JobRun run) {}
        };
    try (Engine other =
        Engine.manual(
            db.dsl(),
            clock,
            JOBS,
            Map.of("fake", failing),
            RunListener.NONE,
            EngineSettings.defaults("fake").withGc(GcSettings.OFF))) {
      engine.close(); // the test's engine gives its runs up
      other.pass();
      cluster.finish(broken.id(), JobState.SUCCESS);
      cluster.finish(fine.id(), JobState.SUCCESS);
      other.pass();
    }
    assertThat(read(fine).state()).isEqualTo(JobState.SUCCESS);
    assertThat(read(broken).state()).isEqualTo(JobState.PENDING);
  }

  private List<JobState> states(List<JobRun> runs) {
    return runs.stream().map(r -> read(r).state()).toList();
  }
}
