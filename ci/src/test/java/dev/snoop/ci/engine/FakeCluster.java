package dev.snoop.ci.engine;

import dev.snoop.ci.exec.Executor;
import dev.snoop.ci.exec.StartRefusedException;
import dev.snoop.ci.run.JobRun;
import dev.snoop.ci.run.JobState;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Workloads as a cluster keeps them, shared by the executors of several engines (as one Kubernetes
 * is): each is found by its run's id. A workload ends when the test says so, or by itself after
 * {@code runFor}. It counts the starts of each run and the most workloads of one job ever running
 * at once.
 */
final class FakeCluster {
  final Map<String, Workload> workloads = new ConcurrentHashMap<>();
  final Map<String, AtomicInteger> starts = new ConcurrentHashMap<>();
  final Map<String, AtomicInteger> mostRunning = new ConcurrentHashMap<>();
  final Set<String> aborts = ConcurrentHashMap.newKeySet();
  final Set<String> cleanedUp = ConcurrentHashMap.newKeySet();
  final Set<String> refuse = ConcurrentHashMap.newKeySet();
  volatile Duration runFor = Duration.ofDays(1);

  static final class Workload {
    final String job;
    final Instant started = Instant.now();
    final Duration runFor;
    volatile JobState end;

    Workload(String job, Duration runFor) {
      this.job = job;
      this.runFor = runFor;
    }

    boolean running() {
      if (end == null && !Instant.now().isBefore(started.plus(runFor))) {
        end = JobState.SUCCESS;
      }
      return end == null;
    }
  }

  /** An executor over this cluster, as one engine has it. */
  Executor executor() {
    return new Executor() {
      @Override
      public String name() {
        return "fake";
      }

      @Override
      public String start(JobRun run) {
        if (refuse.contains(run.job())) {
          throw new StartRefusedException("pods \"" + run.id() + "\" is forbidden");
        }
        synchronized (FakeCluster.this) {
          if (!workloads.containsKey(run.id())) {
            starts.computeIfAbsent(run.id(), k -> new AtomicInteger()).incrementAndGet();
            workloads.put(run.id(), new Workload(run.job(), runFor));
            int running =
                (int)
                    workloads.values().stream()
                        .filter(w -> w.job.equals(run.job()) && w.running())
                        .count();
            mostRunning
                .computeIfAbsent(run.job(), k -> new AtomicInteger())
                .accumulateAndGet(running, Math::max);
          }
        }
        return run.id();
      }

      @Override
      public Observation observe(JobRun run) {
        Workload w = workloads.get(run.id());
        if (w == null) {
          return new Observation.Missing("no workload " + run.id());
        }
        if (w.running()) {
          return new Observation.Running("running");
        }
        return new Observation.Finished(
            w.end,
            switch (w.end) {
              case SUCCESS -> "Job succeeded.";
              case ABORTED -> "Job aborted.";
              default -> "Job failed.";
            });
      }

      @Override
      public void abort(JobRun run) {
        aborts.add(run.id());
        Optional.ofNullable(workloads.get(run.id()))
            .filter(Workload::running)
            .ifPresent(w -> w.end = JobState.ABORTED);
      }

      @Override
      public void cleanUp(JobRun run) {
        cleanedUp.add(run.id());
        workloads.remove(run.id());
      }
    };
  }

  void finish(String id, JobState state) {
    workloads.get(id).end = state;
  }

  int starts(String id) {
    return Optional.ofNullable(starts.get(id)).map(AtomicInteger::get).orElse(0);
  }
}
