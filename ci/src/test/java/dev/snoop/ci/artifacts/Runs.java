package dev.snoop.ci.artifacts;

import dev.snoop.ci.run.BuildIds;
import dev.snoop.ci.run.ExampleJobs;
import dev.snoop.ci.run.JobRun;
import dev.snoop.ci.run.JobState;
import dev.snoop.ci.run.NewRuns;
import dev.snoop.ci.run.Refs;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import tools.jackson.databind.node.ObjectNode;

/** Runs of snoop's example jobs in the states a test needs. */
public final class Runs {
  private static final NewRuns NEW_RUNS =
      new NewRuns(new BuildIds(Clock.systemUTC(), 7), Clock.systemUTC());

  public static final Refs PULL =
      new Refs(
          "cncf",
          "k8s-conformance",
          "master",
          Optional.of("4a3b2c1d0e9f8a7b6c5d4e3f2a1b0c9d8e7f6a5b"),
          List.of(
              new Refs.Pull(
                  3297,
                  "vendor",
                  "c25e430df7771a96c9a004d8500473a4f2ef55d3",
                  Optional.of("v1.34 acme"))));

  private Runs() {}

  /** A triggered run of the periodic gate. */
  public static JobRun periodic() {
    return NEW_RUNS.triggered(
        ExampleJobs.job("ci-snoop-conformance-gate"), Optional.empty(), "local", Optional.empty());
  }

  /** A triggered run of the verifier on {@link #PULL}. */
  public static JobRun presubmit() {
    return NEW_RUNS.triggered(
        ExampleJobs.job("pull-k8s-conformance-verify"),
        Optional.of(PULL),
        "local",
        Optional.empty());
  }

  /** The run started at {@code at}. */
  public static JobRun pending(JobRun run, Instant at) {
    return copy(run, JobState.PENDING, "Job triggered.", Optional.of(at), Optional.empty());
  }

  /** The same run with another ProwJob spec. */
  public static JobRun withSpec(JobRun r, ObjectNode spec) {
    return new JobRun(
        r.id(),
        r.job(),
        r.type(),
        r.buildId(),
        r.state(),
        r.context(),
        r.refs(),
        spec,
        r.labels(),
        r.annotations(),
        r.executor(),
        r.startTime(),
        r.pendingTime(),
        r.completionTime(),
        r.description(),
        r.url(),
        r.podName(),
        r.prevReportStates(),
        r.owner(),
        r.leaseUntil(),
        r.eventGuid());
  }

  /** The run ended at {@code at} in {@code state}. */
  public static JobRun finished(JobRun run, JobState state, String description, Instant at) {
    return copy(run, state, description, run.pendingTime(), Optional.of(at));
  }

  private static JobRun copy(
      JobRun r,
      JobState state,
      String description,
      Optional<Instant> pending,
      Optional<Instant> completion) {
    return new JobRun(
        r.id(),
        r.job(),
        r.type(),
        r.buildId(),
        state,
        r.context(),
        r.refs(),
        r.spec(),
        r.labels(),
        r.annotations(),
        r.executor(),
        r.startTime(),
        pending,
        completion,
        description,
        r.url(),
        Optional.of(r.id()),
        r.prevReportStates(),
        r.owner(),
        r.leaseUntil(),
        r.eventGuid());
  }
}
