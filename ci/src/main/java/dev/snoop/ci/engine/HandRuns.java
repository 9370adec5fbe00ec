package dev.snoop.ci.engine;

import dev.snoop.ci.config.Job;
import dev.snoop.ci.exec.Executor;
import dev.snoop.ci.run.JobRun;
import dev.snoop.ci.run.JobStore;
import dev.snoop.ci.run.NewRuns;
import dev.snoop.ci.run.Refs;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.jooq.DSLContext;

/**
 * Runs triggered by hand ({@code snoop jobs run}): stored as triggered, for whichever engine admits
 * them, or run to their end in the caller's process by an engine that admits only them.
 */
public final class HandRuns {
  /** How long a one-off trigger holds its snowflake node: it makes one build id. */
  private static final Duration ONE_OFF_LEASE = Duration.ofSeconds(5);

  private static final Duration POLL = Duration.ofMillis(100);

  private HandRuns() {}

  /** Stores a triggered run of {@code job}, with a build id of a node held for a moment. */
  public static JobRun trigger(
      DSLContext sql, Clock clock, Job job, Optional<Refs> refs, String executor) {
    NodeLease node = NodeLease.claim(sql, clock, "snoop jobs run", ONE_OFF_LEASE);
    JobRun run =
        new NewRuns(node.buildIds(), clock).triggered(job, refs, executor, Optional.empty());
    JobStore.insert(sql, run);
    return run;
  }

  /**
   * Triggers a run of {@code job} and runs it to its end in this process (its queue and
   * max_concurrency still apply, shared with every engine on the database).
   *
   * @return the complete run
   */
  public static JobRun runToEnd(
      DSLContext sql,
      Clock clock,
      Job job,
      Optional<Refs> refs,
      Executor executor,
      RunListener listener,
      EngineSettings settings)
      throws InterruptedException {
    JobRun run = trigger(sql, clock, job, refs, executor.name());
    try (Engine engine =
        Engine.start(
            sql,
            clock,
            List.of(job),
            Map.of(executor.name(), executor),
            listener,
            settings.onlyRuns(Set.of(run.id())))) {
      while (true) {
        JobRun now = JobStore.find(sql, run.id()).orElseThrow();
        if (now.complete()) {
          return now;
        }
        Thread.sleep(POLL.toMillis());
      }
    }
  }
}
