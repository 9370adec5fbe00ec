package dev.snoop.bench.jobs;

import dev.snoop.ci.artifacts.ArtifactStore;
import dev.snoop.ci.config.Job;
import dev.snoop.ci.config.JobConfigLoader;
import dev.snoop.ci.config.ProwSettings;
import dev.snoop.ci.engine.ArtifactListener;
import dev.snoop.ci.engine.Engine;
import dev.snoop.ci.engine.EngineSettings;
import dev.snoop.ci.engine.GcSettings;
import dev.snoop.ci.engine.NodeLease;
import dev.snoop.ci.exec.local.LocalExecutor;
import dev.snoop.ci.run.JobRun;
import dev.snoop.ci.run.JobState;
import dev.snoop.ci.run.JobStore;
import dev.snoop.ci.run.NewRuns;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jooq.DSLContext;

/**
 * {@code snoop bench jobs}: queues N runs spread over jobs with different {@code max_concurrency}
 * limits, runs them all on the local executor with one engine, then checks from the stored runs
 * that no job ever had more runs pending than its limit, and measures:
 *
 * <ul>
 *   <li>trigger-to-start latency: from the moment a run could start (its trigger, or for a job at
 *       its limit, the completion that freed the slot it took) to its pending time;
 *   <li>throughput: runs per minute from the first trigger to the last completion.
 * </ul>
 *
 * Each run is {@code command} (default {@code true}) in a process of its own, with Prow's
 * environment and its artifacts written in Prow's layout.
 */
public final class JobsBenchmark {
  private JobsBenchmark() {}

  /** What one benchmark measured. */
  public record Result(
      int runs,
      Map<String, Integer> limits,
      Map<String, Integer> mostPending,
      Map<JobState, Long> states,
      Duration wall,
      List<Long> latencyMillis,
      Map<String, List<Long>> latencyByJob) {

    /** Whether every job kept its limit. */
    public boolean limitsKept() {
      return limits.entrySet().stream()
          .allMatch(e -> e.getValue() == 0 || mostPending.get(e.getKey()) <= e.getValue());
    }

    public String describe() {
      List<Long> sorted = latencyMillis.stream().sorted().toList();
      StringBuilder text = new StringBuilder();
      text.append(
          String.format(
              "%,d runs over %d jobs, local executor, one engine: %.1f s, %.0f runs/minute%n",
              runs,
              limits.size(),
              wall.toMillis() / 1000.0,
              runs * 60_000.0 / Math.max(1, wall.toMillis())));
      text.append(String.format("states: %s%n", states));
      limits.forEach(
          (job, limit) -> {
            List<Long> ofJob = latencyByJob.get(job).stream().sorted().toList();
            text.append(
                String.format(
                    "  %-18s max_concurrency %-3s most pending at once %3d; latency median %d"
                        + " ms, p90 %d ms%n",
                    job,
                    limit == 0 ? "-" : limit,
                    mostPending.get(job),
                    percentile(ofJob, 50),
                    percentile(ofJob, 90)));
          });
      text.append(
          String.format("limits %s%n", limitsKept() ? "never exceeded (checked)" : "EXCEEDED"));
      text.append(
          String.format(
              "trigger-to-start latency: median %d ms, p90 %d ms, p99 %d ms, max %d ms%n",
              percentile(sorted, 50),
              percentile(sorted, 90),
              percentile(sorted, 99),
              sorted.get(sorted.size() - 1)));
      return text.toString();
    }
  }

  /**
   * @param limits the jobs' max_concurrency values, one job each (0: no limit)
   * @param directory where the runs' work directories and artifacts go (removed afterwards by the
   *     caller)
   */
  public static Result run(
      DSLContext sql,
      int runs,
      List<Integer> limits,
      String command,
      Duration resync,
      Path directory)
      throws InterruptedException {
    Clock clock = Clock.systemUTC();
    Map<String, Integer> jobLimits = new LinkedHashMap<>();
    for (int limit : limits) {
      jobLimits.put("bench-" + (limit == 0 ? "unlimited" : limit) + "-" + jobLimits.size(), limit);
    }
    List<Job> jobs = jobs(jobLimits, command, directory);
    ArtifactStore store =
        ArtifactStore.local(directory.resolve("artifacts"), NewRuns.DEFAULT_NAMESPACE);
    List<JobRun> queued = new ArrayList<>();
    NodeLease node = NodeLease.claim(sql, clock, "snoop bench jobs", Duration.ofMinutes(1));
    NewRuns newRuns = new NewRuns(node.buildIds(), clock);
    try (LocalExecutor local =
        new LocalExecutor(
            directory.resolve("work"),
            store,
            Map.of("PATH", "/usr/local/bin:/usr/bin:/bin"),
            Optional.empty(),
            clock)) {
      sql.transaction(
          c -> {
            for (int i = 0; i < runs; i++) {
              JobRun run =
                  newRuns.triggered(
                      jobs.get(i % jobs.size()), Optional.empty(), "local", Optional.empty());
              JobStore.insert(c.dsl(), run);
              queued.add(run);
            }
          });
      Instant triggered = clock.instant();
      EngineSettings settings =
          EngineSettings.defaults("local").withGc(GcSettings.OFF).withResync(resync);
      settings =
          new EngineSettings(
              settings.lease(),
              settings.resync(),
              settings.newRunExecutor(),
              Optional.of(
                  queued.stream().map(JobRun::id).collect(java.util.stream.Collectors.toSet())),
              settings.jobUrl(),
              GcSettings.OFF,
              false);
      try (Engine engine =
          Engine.start(
              sql, clock, jobs, Map.of("local", local), new ArtifactListener(store), settings)) {
        awaitComplete(sql, queued);
      } finally {
        node.release();
      }
      List<JobRun> done =
          queued.stream().map(r -> JobStore.find(sql, r.id()).orElseThrow()).toList();
      Instant last =
          done.stream()
              .map(r -> r.completionTime().orElseThrow())
              .max(Comparator.naturalOrder())
              .orElseThrow();
      Map<String, Integer> most = new LinkedHashMap<>();
      List<Long> latencies = new ArrayList<>();
      Map<String, List<Long>> byJob = new LinkedHashMap<>();
      for (Map.Entry<String, Integer> job : jobLimits.entrySet()) {
        List<JobRun> ofJob = done.stream().filter(r -> r.job().equals(job.getKey())).toList();
        most.put(job.getKey(), mostPendingAtOnce(ofJob));
        byJob.put(job.getKey(), latencies(ofJob, job.getValue()));
        latencies.addAll(byJob.get(job.getKey()));
      }
      Map<JobState, Long> states = new java.util.TreeMap<>();
      done.forEach(r -> states.merge(r.state(), 1L, Long::sum));
      return new Result(
          runs, jobLimits, most, states, Duration.between(triggered, last), latencies, byJob);
    }
  }

  private static void awaitComplete(DSLContext sql, List<JobRun> runs) throws InterruptedException {
    Instant limit = Instant.now().plus(Duration.ofHours(1));
    while (Instant.now().isBefore(limit)) {
      int incomplete =
          sql.fetchCount(
              dev.snoop.db.jooq.snoop.Tables.PROW_JOB,
              dev.snoop.db.jooq.snoop.Tables.PROW_JOB
                  .ID
                  .in(runs.stream().map(JobRun::id).toList())
                  .and(dev.snoop.db.jooq.snoop.Tables.PROW_JOB.COMPLETION_TIME.isNull()));
      if (incomplete == 0) {
        return;
      }
      Thread.sleep(200);
    }
    throw new IllegalStateException("the runs were not complete after an hour");
  }

  /** The most runs whose [pending, completion] spans overlap: what the limit bounds. */
  static int mostPendingAtOnce(List<JobRun> runs) {
    List<long[]> edges = new ArrayList<>();
    for (JobRun r : runs) {
      // at equal times a completion comes first: the slot it frees is what a start takes
      edges.add(new long[] {nanos(r.pendingTime().orElseThrow()) * 2 + 1, 1});
      edges.add(new long[] {nanos(r.completionTime().orElseThrow()) * 2, -1});
    }
    edges.sort(Comparator.comparingLong(e -> e[0]));
    int running = 0;
    int most = 0;
    for (long[] e : edges) {
      running += (int) e[1];
      most = Math.max(most, running);
    }
    return most;
  }

  /**
   * For each run, pending time minus the moment it could start: its trigger, or, at a limit of L,
   * the later of its trigger and the completion that left fewer than L runs pending for the i-th
   * run admitted (the (i-L)-th completion of the job, in order).
   */
  static List<Long> latencies(List<JobRun> runs, int limit) {
    List<JobRun> byAdmission =
        runs.stream().sorted(Comparator.comparing(r -> r.pendingTime().orElseThrow())).toList();
    List<Instant> completions =
        runs.stream().map(r -> r.completionTime().orElseThrow()).sorted().toList();
    List<Long> latencies = new ArrayList<>();
    for (int i = 0; i < byAdmission.size(); i++) {
      JobRun run = byAdmission.get(i);
      Instant could = run.startTime();
      if (limit > 0 && i >= limit) {
        Instant freed = completions.get(i - limit);
        could = freed.isAfter(could) ? freed : could;
      }
      latencies.add(Duration.between(could, run.pendingTime().orElseThrow()).toMillis());
    }
    return latencies;
  }

  private static long nanos(Instant t) {
    return t.getEpochSecond() * 1_000_000_000L + t.getNano();
  }

  static long percentile(List<Long> sorted, int p) {
    int index = (int) Math.ceil(p / 100.0 * sorted.size()) - 1;
    return sorted.get(Math.max(0, Math.min(sorted.size() - 1, index)));
  }

  private static List<Job> jobs(Map<String, Integer> limits, String command, Path directory) {
    StringBuilder yaml = new StringBuilder("periodics:\n");
    limits.forEach(
        (name, limit) -> {
          yaml.append("- name: ").append(name).append("\n  interval: 1000h\n");
          if (limit > 0) {
            yaml.append("  max_concurrency: ").append(limit).append('\n');
          }
          yaml.append("  spec:\n    containers:\n    - image: busybox\n")
              .append("      command: [sh, -c]\n      args: [")
              .append(
                  tools.jackson.databind.json.JsonMapper.builder()
                      .build()
                      .writeValueAsString(command))
              .append("]\n");
        });
    try {
      Files.createDirectories(directory);
      Path file = directory.resolve("bench-jobs.yaml");
      Files.writeString(file, yaml);
      return JobConfigLoader.load(List.of(file), ProwSettings.NONE).validJobs();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
