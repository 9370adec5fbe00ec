package dev.snoop.ci.engine;

import static org.assertj.core.api.Assertions.assertThat;

import dev.snoop.ci.config.Job;
import dev.snoop.ci.exec.Executor;
import dev.snoop.ci.run.JobRun;
import dev.snoop.ci.run.JobState;
import dev.snoop.ci.run.JobStore;
import dev.snoop.db.Database;
import dev.snoop.db.testing.MigratedDatabase;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** Several engines on one database, engines dying, and deadlines kept in real time. */
@ExtendWith(MigratedDatabase.class)
class EnginesIT {
  private static final List<Job> JOBS =
      TestJobs.load(
          "periodics:\n"
              + TestJobs.periodic("three-at-once", "interval: 1h", "  max_concurrency: 3\n")
              + TestJobs.periodic("unlimited", "interval: 1h", "")
              + TestJobs.periodic(
                  "one-second",
                  "interval: 1h",
                  "  decorate: true\n  decoration_config:\n    timeout: 1s\n"));

  private final Database db;
  private final FakeCluster cluster = new FakeCluster();

  EnginesIT(Database db) {
    this.db = db;
  }

  private EngineSettings settings() {
    return EngineSettings.defaults("fake")
        .withGc(GcSettings.OFF)
        .withLease(Duration.ofSeconds(2))
        .withResync(Duration.ofMillis(200));
  }

  private Engine manual(Clock clock, Executor executor) {
    return Engine.manual(
        db.dsl(), clock, JOBS, Map.of("fake", executor), RunListener.NONE, noPeriodics(clock));
  }

  private EngineSettings noPeriodics(Clock clock) {
    EngineSettings s = settings();
    return new EngineSettings(
        s.lease(), s.resync(), s.newRunExecutor(), s.scope(), s.jobUrl(), s.gc(), false);
  }

  private List<JobRun> trigger(Engine engine, String job, int count) {
    List<JobRun> runs = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      JobRun run =
          engine
              .newRuns()
              .triggered(TestJobs.job(JOBS, job), Optional.empty(), "fake", Optional.empty());
      JobStore.insert(db.dsl(), run);
      runs.add(run);
    }
    return runs;
  }

  private JobRun read(JobRun run) {
    return JobStore.find(db.dsl(), run.id()).orElseThrow();
  }

  @Test
  void twoEnginesOnOneDatabaseRunEachRunOnceAndKeepTheLimit() throws InterruptedException {
    cluster.runFor = Duration.ofMillis(30);
    Clock clock = Clock.systemUTC();
    Engine first =
        Engine.start(
            db.dsl(),
            clock,
            JOBS,
            Map.of("fake", cluster.executor()),
            RunListener.NONE,
            noPeriodics(clock));
    Engine second =
        Engine.start(
            db.dsl(),
            clock,
            JOBS,
            Map.of("fake", cluster.executor()),
            RunListener.NONE,
            noPeriodics(clock));
    List<JobRun> runs = new ArrayList<>();
    try {
      assertThat(first.node()).isNotEqualTo(second.node());
      // Which engine admits a run is a race; on a busy machine one can win a whole batch, so
      // batches are added until both have run some (bounded: a lone engine still fails).
      for (int batch = 0; batch < 5 && owners(runs) < 2; batch++) {
        runs.addAll(trigger(first, "three-at-once", 20));
        runs.addAll(trigger(second, "unlimited", 20));
        runs.addAll(trigger(second, "three-at-once", 20));
        first.wake();
        second.wake();
        awaitComplete(runs, Duration.ofSeconds(60));
      }
    } finally {
      first.close();
      second.close();
    }
    for (JobRun run : runs) {
      assertThat(read(run).state()).as(run.job()).isEqualTo(JobState.SUCCESS);
      assertThat(cluster.starts(run.id())).as("starts of " + run.id()).isEqualTo(1);
    }
    assertThat(mostPendingAtOnce(runs, "three-at-once")).isBetween(1, 3);
    assertThat(cluster.mostRunning.get("three-at-once").get()).isBetween(1, 3);
    assertThat(owners(runs)).as("engines that ran runs").isEqualTo(2);
  }

  private long owners(List<JobRun> runs) {
    return runs.stream().map(r -> read(r).owner().orElseThrow()).distinct().count();
  }

  @Test
  void anEngineThatDiesHasItsRunsAdoptedNotRunAgain() {
    MutableClock clock = new MutableClock(Instant.parse("2026-11-01T00:00:00Z"));
    Executor executor = cluster.executor();
    Engine dead = manual(clock, executor);
    List<JobRun> runs = trigger(dead, "three-at-once", 2);
    dead.pass(); // starts both, then dies: no close, no renewals
    cluster.finish(runs.get(0).id(), JobState.SUCCESS);

    try (Engine heir = manual(clock, executor)) {
      heir.pass();
      assertThat(read(runs.get(0)).state())
          .as("held by the dead engine until its lease passes")
          .isEqualTo(JobState.PENDING);
      clock.advance(Duration.ofSeconds(2));
      heir.pass();
      assertThat(read(runs.get(0)).state()).isEqualTo(JobState.SUCCESS);
      assertThat(read(runs.get(1)).state()).isEqualTo(JobState.PENDING);
      assertThat(read(runs.get(1)).owner()).contains(heir.owner());
      cluster.finish(runs.get(1).id(), JobState.FAILURE);
      heir.pass();
      assertThat(read(runs.get(1)).state()).isEqualTo(JobState.FAILURE);
    }
    assertThat(cluster.starts(runs.get(0).id())).isEqualTo(1);
    assertThat(cluster.starts(runs.get(1).id())).isEqualTo(1);
  }

  @Test
  void aRunAdmittedButNeverStartedIsStartedByTheEngineThatAdoptsIt() {
    MutableClock clock = new MutableClock(Instant.parse("2026-11-02T00:00:00Z"));
    Executor dying =
        new Executor() {
          @Override
          public String name() {
            return "fake";
          }

          @Override
          public String start(JobRun run) {
            throw new IllegalStateException("the engine died before starting it");
          }

          @Override
          public Observation observe(JobRun run) {
            throw new IllegalStateException();
          }

          @Override
          public void abort(JobRun run) {}

          @Override
          public void cleanUp(JobRun run) {}
        };
    Engine dead = manual(clock, dying);
    JobRun run = trigger(dead, "three-at-once", 1).get(0);
    try {
      dead.pass();
    } catch (IllegalStateException expected) {
      // the pass stops where the engine would have died
    }
    assertThat(read(run).state()).isEqualTo(JobState.PENDING);
    assertThat(read(run).podName()).isEmpty();

    try (Engine heir = manual(clock, cluster.executor())) {
      clock.advance(Duration.ofSeconds(2));
      heir.pass();
      assertThat(read(run).podName()).contains(run.id());
      assertThat(read(run).state()).isEqualTo(JobState.PENDING);
      cluster.finish(run.id(), JobState.SUCCESS);
      heir.pass();
    }
    assertThat(read(run).state()).isEqualTo(JobState.SUCCESS);
    assertThat(cluster.starts(run.id())).isEqualTo(1);
  }

  @Test
  void aTimeoutIsEnforcedAtTheDeadlineNotAtTheNextResync() throws InterruptedException {
    Clock clock = Clock.systemUTC();
    EngineSettings slow = noPeriodics(clock).withResync(Duration.ofMinutes(10));
    try (Engine engine =
        Engine.start(
            db.dsl(), clock, JOBS, Map.of("fake", cluster.executor()), RunListener.NONE, slow)) {
      JobRun run = trigger(engine, "one-second", 1).get(0);
      engine.wake();
      Instant deadline = awaitPending(run).pendingTime().orElseThrow().plusSeconds(1);
      awaitComplete(List.of(run), Duration.ofSeconds(20));
      JobRun done = read(run);
      assertThat(done.state()).isEqualTo(JobState.FAILURE);
      assertThat(done.description()).isEqualTo("Process did not finish before 1s timeout");
      assertThat(cluster.aborts).contains(run.id());
      // the resync is 10 minutes: only the alarm at the deadline can have woken the engine
      assertThat(Duration.between(deadline, done.completionTime().orElseThrow()))
          .isBetween(Duration.ZERO, Duration.ofSeconds(2));
    }
  }

  private JobRun awaitPending(JobRun run) throws InterruptedException {
    for (int i = 0; i < 200; i++) {
      JobRun now = read(run);
      if (now.podName().isPresent()) {
        return now;
      }
      Thread.sleep(50);
    }
    throw new AssertionError(run.id() + " never started");
  }

  private void awaitComplete(List<JobRun> runs, Duration limit) throws InterruptedException {
    Instant end = Instant.now().plus(limit);
    while (Instant.now().isBefore(end)) {
      if (runs.stream().allMatch(r -> read(r).complete())) {
        return;
      }
      Thread.sleep(100);
    }
    throw new AssertionError("runs not complete after " + limit);
  }

  /** The most runs of {@code job} whose [pending, completion] spans overlap, from the rows. */
  private int mostPendingAtOnce(List<JobRun> runs, String job) {
    List<long[]> edges = new ArrayList<>();
    for (JobRun run : runs) {
      JobRun r = read(run);
      if (r.job().equals(job)) {
        edges.add(new long[] {r.pendingTime().orElseThrow().toEpochMilli() * 2 + 1, 1});
        edges.add(new long[] {r.completionTime().orElseThrow().toEpochMilli() * 2, -1});
      }
    }
    edges.sort((a, b) -> Long.compare(a[0], b[0]));
    int running = 0;
    int most = 0;
    for (long[] edge : edges) {
      running += (int) edge[1];
      most = Math.max(most, running);
    }
    return most;
  }
}
