package dev.snoop.ci.run;

import static org.assertj.core.api.Assertions.assertThat;

import dev.snoop.ci.config.Job;
import dev.snoop.db.Database;
import dev.snoop.db.testing.MigratedDatabase;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(MigratedDatabase.class)
class JobStoreIT {
  private final Database db;
  private final NewRuns newRuns =
      new NewRuns(new BuildIds(Clock.systemUTC(), 1), Clock.systemUTC());

  JobStoreIT(Database db) {
    this.db = db;
  }

  @Test
  void aPresubmitRunIsStoredAndReadBackWhole() {
    Job job = ExampleJobs.job("pull-k8s-conformance-verify");
    Refs refs =
        new Refs(
            "cncf",
            "k8s-conformance",
            "master",
            Optional.of("aaa111"),
            List.of(new Refs.Pull(3297, "vendor", "bbb222", Optional.of("v1.34 acme"))));
    JobRun run = newRuns.triggered(job, Optional.of(refs), "local", Optional.of("guid-1"));
    JobStore.insert(db.dsl(), run);

    JobRun read = JobStore.find(db.dsl(), run.id()).orElseThrow();
    assertThat(read.refs()).contains(refs);
    assertThat(read.spec()).isEqualTo(run.spec());
    assertThat(read.labels())
        .containsEntry("prow.k8s.io/refs.pull", "3297")
        .containsEntry("prow.k8s.io/id", run.id());
    assertThat(read.state()).isEqualTo(JobState.TRIGGERED);
    assertThat(read.eventGuid()).contains("guid-1");
    assertThat(read.spec().path("refs").path("pulls").path(0).path("sha").asString())
        .isEqualTo("bbb222");
    assertThat(read.reports()).isTrue();
  }

  @Test
  void aReplaceMovesTheRunOnlyFromTheStateItExpects() {
    JobRun run =
        newRuns.triggered(
            ExampleJobs.job("ci-snoop-conformance-gate"),
            Optional.empty(),
            "local",
            Optional.empty());
    JobStore.insert(db.dsl(), run);
    JobRun pending = run.withState(JobState.PENDING, "Job triggered.");

    assertThat(JobStore.replace(db.dsl(), JobState.TRIGGERED, pending)).isTrue();
    assertThat(JobStore.replace(db.dsl(), JobState.TRIGGERED, pending)).isFalse();
    assertThat(JobStore.find(db.dsl(), run.id()).orElseThrow().state()).isEqualTo(JobState.PENDING);
    assertThat(JobStore.incomplete(db.dsl())).extracting(JobRun::id).contains(run.id());
    assertThat(JobStore.history(db.dsl(), run.job(), 10).get(0).startTime())
        .isBeforeOrEqualTo(Instant.now());
  }

  @Test
  void anAbortStopsOnlyIncompleteRunsAndARerunIsANewRun() {
    JobRun run =
        newRuns.triggered(
            ExampleJobs.job("ci-snoop-conformance-gate"),
            Optional.empty(),
            "local",
            Optional.empty());
    JobStore.insert(db.dsl(), run);
    assertThat(JobStore.requestAbort(db.dsl(), run.id(), "Aborted by a user.")).isTrue();
    assertThat(JobStore.requestAbort(db.dsl(), run.id(), "again")).isFalse();
    JobRun aborted = JobStore.find(db.dsl(), run.id()).orElseThrow();
    assertThat(aborted.state()).isEqualTo(JobState.ABORTED);
    assertThat(aborted.complete()).isFalse();

    JobRun rerun = newRuns.rerun(aborted);
    JobStore.insert(db.dsl(), rerun);
    assertThat(rerun.id()).isNotEqualTo(run.id());
    assertThat(rerun.buildId()).isGreaterThan(run.buildId());
    assertThat(rerun.spec()).isEqualTo(run.spec());
    assertThat(rerun.labels()).containsEntry("prow.k8s.io/id", rerun.id());
  }
}
