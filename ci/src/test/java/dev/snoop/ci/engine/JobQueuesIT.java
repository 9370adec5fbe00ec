package dev.snoop.ci.engine;

import static dev.snoop.ci.run.JobState.PENDING;
import static dev.snoop.ci.run.JobState.SUCCESS;
import static dev.snoop.ci.run.JobState.TRIGGERED;
import static org.assertj.core.api.Assertions.assertThat;

import dev.snoop.ci.config.Job;
import dev.snoop.ci.config.JobConfigLoader;
import dev.snoop.ci.config.ProwSettings;
import dev.snoop.ci.run.JobRun;
import dev.snoop.ci.run.JobState;
import dev.snoop.ci.run.JobStore;
import dev.snoop.db.Database;
import dev.snoop.db.testing.MigratedDatabase;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * Job queues as Prow's plank.job_queue_capacities sets them: promo-a and promo-b share the queue
 * promo of capacity 1; frozen's queue has capacity 0, free's is unlimited (-1).
 */
@ExtendWith(MigratedDatabase.class)
class JobQueuesIT {
  private final Database db;
  private final List<Job> jobs;
  private static int tests;
  private final MutableClock clock =
      new MutableClock(Instant.parse("2026-12-10T10:00:00Z").plus(Duration.ofDays(++tests)));
  private final FakeCluster cluster = new FakeCluster();
  private final Engine engine;

  JobQueuesIT(Database db, @TempDir Path temp) throws IOException {
    this.db = db;
    Path prow =
        Files.writeString(
            temp.resolve("config.yaml"),
            "plank:\n  job_queue_capacities:\n    promo: 1\n    frozen: 0\n    free: -1\n");
    Path jobFile =
        Files.writeString(
            temp.resolve("jobs.yaml"),
            "periodics:\n"
                + TestJobs.periodic("promo-a", "interval: 1h", "  job_queue_name: promo\n")
                + TestJobs.periodic("promo-b", "interval: 1h", "  job_queue_name: promo\n")
                + TestJobs.periodic("frozen", "interval: 1h", "  job_queue_name: frozen\n")
                + TestJobs.periodic("free", "interval: 1h", "  job_queue_name: free\n"));
    jobs = JobConfigLoader.load(List.of(jobFile), ProwSettings.read(prow)).validJobs();
    EngineSettings settings =
        new EngineSettings(
            EngineSettings.DEFAULT_LEASE,
            EngineSettings.DEFAULT_RESYNC,
            "fake",
            Optional.empty(),
            run -> Optional.empty(),
            GcSettings.OFF,
            false);
    engine =
        Engine.manual(
            db.dsl(), clock, jobs, Map.of("fake", cluster.executor()), RunListener.NONE, settings);
  }

  @AfterEach
  void close() {
    engine.close();
  }

  private JobRun trigger(String job) {
    JobRun run =
        engine
            .newRuns()
            .triggered(TestJobs.job(jobs, job), Optional.empty(), "fake", Optional.empty());
    JobStore.insert(db.dsl(), run);
    clock.advance(Duration.ofMillis(1));
    return run;
  }

  private List<JobState> states(JobRun... runs) {
    return java.util.Arrays.stream(runs)
        .map(r -> JobStore.find(db.dsl(), r.id()).orElseThrow().state())
        .toList();
  }

  @Test
  void jobsSharingAQueueStartOneAtATimeOldestFirstWhicheverJobItIs() {
    JobRun a1 = trigger("promo-a");
    JobRun b1 = trigger("promo-b");
    JobRun a2 = trigger("promo-a");
    JobRun b2 = trigger("promo-b");
    assertThat(a1.spec().path("job_queue_name").asString()).isEqualTo("promo");

    engine.pass();
    assertThat(states(a1, b1, a2, b2)).containsExactly(PENDING, TRIGGERED, TRIGGERED, TRIGGERED);

    // promo-a's next run waits behind promo-b's older one
    cluster.finish(a1.id(), SUCCESS);
    engine.pass();
    assertThat(states(a1, b1, a2, b2)).containsExactly(SUCCESS, PENDING, TRIGGERED, TRIGGERED);

    cluster.finish(b1.id(), SUCCESS);
    engine.pass();
    assertThat(states(a1, b1, a2, b2)).containsExactly(SUCCESS, SUCCESS, PENDING, TRIGGERED);

    cluster.finish(a2.id(), SUCCESS);
    engine.pass();
    assertThat(states(a1, b1, a2, b2)).containsExactly(SUCCESS, SUCCESS, SUCCESS, PENDING);
  }

  @Test
  void aQueueOfCapacityZeroStartsNothingAndANegativeOneHasNoLimit() {
    JobRun frozen = trigger("frozen");
    JobRun free1 = trigger("free");
    JobRun free2 = trigger("free");
    JobRun free3 = trigger("free");
    engine.pass();
    engine.pass();
    assertThat(states(frozen, free1, free2, free3))
        .containsExactly(TRIGGERED, PENDING, PENDING, PENDING);
  }
}
