package dev.snoop.bench.jobs;

import static org.assertj.core.api.Assertions.assertThat;

import dev.snoop.ci.config.Job;
import dev.snoop.ci.config.JobConfigLoader;
import dev.snoop.ci.config.ProwSettings;
import dev.snoop.ci.run.BuildIds;
import dev.snoop.ci.run.JobRun;
import dev.snoop.ci.run.JobState;
import dev.snoop.ci.run.NewRuns;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The benchmark's own checks, on runs whose times the test sets. */
class JobsBenchmarkTest {
  @TempDir Path temp;

  private JobRun run(int triggered, int pending, int completed) throws Exception {
    Path file = temp.resolve("jobs.yaml");
    Files.writeString(
        file,
        "periodics:\n- name: j\n  interval: 1h\n  spec:\n    containers:\n"
            + "    - image: x\n      command: [\"true\"]\n");
    Job job = JobConfigLoader.load(List.of(file), ProwSettings.NONE).validJobs().get(0);
    Clock at = Clock.fixed(Instant.ofEpochSecond(1_000 + triggered), ZoneOffset.UTC);
    JobRun run =
        new NewRuns(new BuildIds(Clock.systemUTC(), 1), at)
            .triggered(job, Optional.empty(), "local", Optional.empty());
    return run.withStatus(
        JobState.SUCCESS,
        "Job succeeded.",
        Optional.of(Instant.ofEpochSecond(1_000 + pending)),
        Optional.of(Instant.ofEpochSecond(1_000 + completed)),
        Optional.empty(),
        Optional.empty());
  }

  @Test
  void overlappingRunsAreCountedAndAStartAtACompletionTakesItsSlot() throws Exception {
    List<JobRun> runs = List.of(run(0, 0, 10), run(0, 5, 20), run(0, 10, 30), run(0, 11, 12));
    // 10 s: one ends as one starts (2 at once); 11 s: three at once
    assertThat(JobsBenchmark.mostPendingAtOnce(runs)).isEqualTo(3);
  }

  @Test
  void latencyCountsFromTheTriggerOrFromTheCompletionThatFreedTheSlot() throws Exception {
    // limit 1: the second run could start when the first completed (10 s), started at 12 s
    List<JobRun> runs = List.of(run(0, 1, 10), run(0, 12, 20), run(30, 31, 40));
    assertThat(JobsBenchmark.latencies(runs, 1)).containsExactly(1000L, 2000L, 1000L);
    assertThat(JobsBenchmark.latencies(runs, 0)).containsExactly(1000L, 12000L, 1000L);
  }
}
