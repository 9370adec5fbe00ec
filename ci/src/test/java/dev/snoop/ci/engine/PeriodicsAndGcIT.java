package dev.snoop.ci.engine;

import static dev.snoop.db.jooq.snoop.Tables.PROW_JOB;
import static org.assertj.core.api.Assertions.assertThat;

import dev.snoop.ci.config.Job;
import dev.snoop.ci.run.JobRun;
import dev.snoop.ci.run.JobState;
import dev.snoop.ci.run.JobStore;
import dev.snoop.db.Database;
import dev.snoop.db.testing.MigratedDatabase;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** Horologium's and sinker's parts, with the test's clock. */
@ExtendWith(MigratedDatabase.class)
class PeriodicsAndGcIT {
  private static final List<Job> JOBS =
      TestJobs.load(
          "periodics:\n"
              + TestJobs.periodic("every-hour", "interval: 1h", "")
              + TestJobs.periodic("rest-30m", "minimum_interval: 30m", "")
              + TestJobs.periodic("on-the-hour", "cron: \"0 * * * *\"", ""));

  private static int tests;
  private final Database db;
  private final MutableClock clock =
      new MutableClock(Instant.parse("2026-10-01T10:20:00Z").plus(Duration.ofDays(30L * ++tests)));
  private final FakeCluster cluster = new FakeCluster();
  private Engine engine;

  PeriodicsAndGcIT(Database db) {
    this.db = db;
  }

  @BeforeEach
  void noRunsYet() {
    db.dsl().deleteFrom(PROW_JOB).execute(); // one database for the class's tests
  }

  @AfterEach
  void close() {
    engine.close();
  }

  private Engine engine(List<Job> jobs, GcSettings gc) {
    engine =
        Engine.manual(
            db.dsl(),
            clock,
            jobs,
            Map.of("fake", cluster.executor()),
            RunListener.NONE,
            EngineSettings.defaults("fake").withGc(gc));
    return engine;
  }

  private List<JobRun> runs(String job) {
    return JobStore.history(db.dsl(), job, 1000);
  }

  /** Ends the job's running run (the workload succeeds) and lets the engine see it. */
  private void finishRunning(String job) {
    JobRun run = runs(job).get(0);
    cluster.finish(run.id(), JobState.SUCCESS);
    engine.pass();
    assertThat(JobStore.find(db.dsl(), run.id()).orElseThrow().complete()).isTrue();
  }

  @Test
  void eachPeriodicRunsAtOnceTheFirstTimeAndNeverOverlapsItself() {
    engine(JOBS, GcSettings.OFF).pass();
    for (String job : List.of("every-hour", "rest-30m", "on-the-hour")) {
      assertThat(runs(job)).as(job).hasSize(1);
      assertThat(runs(job).get(0).state()).isEqualTo(JobState.PENDING);
      assertThat(runs(job).get(0).type().prowName()).isEqualTo("periodic");
    }
    clock.advance(Duration.ofHours(5)); // every schedule is due, but each run still goes on
    engine.pass();
    for (String job : List.of("every-hour", "rest-30m", "on-the-hour")) {
      assertThat(runs(job)).as(job).hasSize(1);
    }
  }

  @Test
  void anIntervalCountsFromTheLastStart() {
    engine(JOBS, GcSettings.OFF).pass();
    Instant first = runs("every-hour").get(0).startTime();
    clock.advance(Duration.ofMinutes(50));
    finishRunning("every-hour");
    clock.set(first.plus(Duration.ofHours(1)).minusSeconds(1));
    engine.pass();
    assertThat(runs("every-hour")).hasSize(1);
    clock.set(first.plus(Duration.ofHours(1)));
    engine.pass();
    assertThat(runs("every-hour")).hasSize(2);
    assertThat(runs("every-hour").get(0).startTime()).isEqualTo(first.plus(Duration.ofHours(1)));
  }

  @Test
  void aMinimumIntervalCountsFromTheLastCompletion() {
    engine(JOBS, GcSettings.OFF).pass();
    clock.advance(Duration.ofMinutes(50));
    finishRunning("rest-30m");
    Instant completed = clock.instant();
    clock.set(completed.plus(Duration.ofMinutes(30)).minusSeconds(1));
    engine.pass();
    assertThat(runs("rest-30m")).hasSize(1);
    clock.set(completed.plus(Duration.ofMinutes(30)));
    engine.pass();
    assertThat(runs("rest-30m")).hasSize(2);
  }

  @Test
  void aCronRunsAtItsFiringsAndAFiringMissedWhileARunWentOnStartsOneRunAfterIt() {
    engine(JOBS, GcSettings.OFF).pass(); // 10:20: the first run, at once
    Instant firstStart = runs("on-the-hour").get(0).startTime();
    Instant elevenOClock = firstStart.plus(Duration.ofMinutes(40));
    clock.set(elevenOClock.minusSeconds(1));
    finishRunning("on-the-hour");
    engine.pass();
    assertThat(runs("on-the-hour")).hasSize(1);
    clock.set(elevenOClock);
    engine.pass();
    assertThat(runs("on-the-hour")).hasSize(2);

    // this run goes on past 12:00 and 13:00; it ends at 13:10: one run then, not two
    clock.set(elevenOClock.plus(Duration.ofMinutes(130)));
    engine.pass();
    assertThat(runs("on-the-hour")).hasSize(2);
    finishRunning("on-the-hour");
    engine.pass();
    assertThat(runs("on-the-hour")).hasSize(3);
    finishRunning("on-the-hour");
    engine.pass();
    assertThat(runs("on-the-hour")).as("the next is 14:00's").hasSize(3);
  }

  @Test
  void afterAnOutageEachPeriodicStartsOneRunNotOnePerMissedFiring() {
    engine(JOBS, GcSettings.OFF).pass();
    clock.advance(Duration.ofMinutes(10));
    for (String job : List.of("every-hour", "rest-30m", "on-the-hour")) {
      finishRunning(job);
    }
    engine.close();

    clock.advance(Duration.ofDays(3)); // no engine for three days: 72 firings of each
    engine(JOBS, GcSettings.OFF).pass();
    engine.pass();
    clock.advance(Duration.ofMinutes(1));
    engine.pass();
    for (String job : List.of("every-hour", "rest-30m", "on-the-hour")) {
      assertThat(runs(job)).as(job).hasSize(2);
      assertThat(runs(job).get(0).startTime()).isEqualTo(clock.instant().minusSeconds(60));
    }
  }

  @Test
  void twoEnginesTriggerAPeriodicOnce() {
    Engine other =
        Engine.manual(
            db.dsl(),
            clock,
            JOBS,
            Map.of("fake", cluster.executor()),
            RunListener.NONE,
            EngineSettings.defaults("fake").withGc(GcSettings.OFF));
    try (other) {
      engine(JOBS, GcSettings.OFF).pass();
      other.pass();
    }
    assertThat(runs("every-hour")).hasSize(1);
  }

  @Test
  void garbageCollectionKeepsRunningRunsAndTheNewestRunOfEachPeriodic() {
    Engine gcEngine = engine(JOBS, GcSettings.PROW);
    // runs made 8 days ago: two of every-hour, one of a job no longer configured, one running
    JobRun oldest = insert("every-hour", JobState.SUCCESS);
    clock.advance(Duration.ofMinutes(1));
    JobRun newestPeriodic = insert("every-hour", JobState.FAILURE);
    JobRun removedJob = insert("ci-removed", JobState.SUCCESS);
    JobRun running = insert("rest-30m", JobState.PENDING);
    clock.advance(Duration.ofHours(23));
    gcEngine.pass(); // 23 hours after completion: nothing is removed yet
    assertThat(cluster.cleanedUp).isEmpty();

    clock.advance(Duration.ofHours(2));
    GarbageCollector gc =
        new GarbageCollector(
            GcSettings.PROW,
            Map.of("fake", cluster.executor()),
            java.util.Set.of("every-hour", "rest-30m", "on-the-hour"));
    GarbageCollector.Result result = gc.collect(db.dsl(), clock.instant());
    assertThat(cluster.cleanedUp)
        .containsExactlyInAnyOrder(oldest.id(), newestPeriodic.id(), removedJob.id());
    assertThat(result.runsDeleted()).isZero(); // a day old

    clock.advance(Duration.ofDays(7));
    cluster.cleanedUp.clear();
    result = gc.collect(db.dsl(), clock.instant());
    assertThat(cluster.cleanedUp).as("each workload is removed once").isEmpty();
    assertThat(JobStore.find(db.dsl(), oldest.id())).isEmpty();
    assertThat(JobStore.find(db.dsl(), removedJob.id())).isEmpty();
    assertThat(JobStore.find(db.dsl(), newestPeriodic.id())).isPresent();
    assertThat(JobStore.find(db.dsl(), running.id())).isPresent();
    assertThat(result.runsDeleted()).isEqualTo(2);
    assertThat(
            db.dsl()
                .fetchCount(
                    PROW_JOB, PROW_JOB.ID.eq(running.id()).and(PROW_JOB.CLEANED_TIME.isNull())))
        .isOne();
  }

  /** A run of {@code job} started now, complete at once unless pending. */
  private JobRun insert(String job, JobState state) {
    Job config = JOBS.stream().filter(j -> j.name().equals(job)).findFirst().orElse(JOBS.get(0));
    JobRun run = engine.newRuns().triggered(config, Optional.empty(), "fake", Optional.empty());
    run =
        new JobRun(
            run.id(),
            job,
            run.type(),
            run.buildId(),
            run.state(),
            run.context(),
            run.refs(),
            run.spec(),
            run.labels(),
            run.annotations(),
            run.executor(),
            run.startTime(),
            run.pendingTime(),
            run.completionTime(),
            run.description(),
            run.url(),
            run.podName(),
            run.prevReportStates(),
            run.owner(),
            run.leaseUntil(),
            run.eventGuid());
    JobRun stored =
        state == JobState.PENDING
            ? run.withStatus(
                    state,
                    "Job triggered.",
                    Optional.of(clock.instant()),
                    Optional.empty(),
                    Optional.empty(),
                    Optional.of(run.id()))
                .withLease("an-engine-elsewhere", clock.instant().plus(Duration.ofDays(30)))
            : run.completed(state, "done", clock.instant());
    JobStore.insert(db.dsl(), stored);
    return stored;
  }
}
