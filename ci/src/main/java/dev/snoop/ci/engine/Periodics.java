package dev.snoop.ci.engine;

import dev.snoop.ci.config.CronSchedule;
import dev.snoop.ci.config.GoDuration;
import dev.snoop.ci.config.Job;
import dev.snoop.ci.config.JobType;
import dev.snoop.ci.run.JobRun;
import dev.snoop.ci.run.JobStore;
import dev.snoop.ci.run.NewRuns;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import org.jooq.DSLContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Starts periodics, as Prow's horologium does, from each job's newest run (the database is the only
 * memory, so a restart changes nothing):
 *
 * <ul>
 *   <li>no run yet: one now;
 *   <li>the newest run not complete: none (a periodic never overlaps itself);
 *   <li>{@code interval}: when that long has passed since the newest run's start;
 *   <li>{@code minimum_interval}: when that long has passed since its completion;
 *   <li>{@code cron}: when the schedule fired after the newest run's start.
 * </ul>
 *
 * <p>Missed firings (the engine was down, or the previous run outlasted several firings) start at
 * most one run, at once, never one per firing missed (test-infra#9575's burst after an outage):
 * every rule measures from the newest run, and the run it starts becomes the newest.
 *
 * <p>Two engines decide for one job in turn (an advisory lock on its name, the one admission
 * takes), each re-reading the newest run, so a firing starts one run whatever the number of
 * engines.
 */
final class Periodics {
  private static final Logger log = LoggerFactory.getLogger(Periodics.class);

  private final List<Job> jobs;
  private final NewRuns newRuns;
  private final String executor;

  Periodics(List<Job> jobs, NewRuns newRuns, String executor) {
    this.jobs = jobs.stream().filter(j -> j.type() == JobType.PERIODIC).toList();
    this.newRuns = newRuns;
    this.executor = executor;
  }

  /**
   * Triggers every periodic that is due at {@code now}.
   *
   * @return when the next one is due, if any is known (a periodic whose run is going has none until
   *     it completes)
   */
  Optional<Instant> trigger(DSLContext sql, Instant now) {
    Optional<Instant> next = Optional.empty();
    for (Job job : jobs) {
      Optional<Instant> due = triggerIfDue(sql, job, now);
      if (due.isPresent() && (next.isEmpty() || due.get().isBefore(next.get()))) {
        next = due;
      }
    }
    return next;
  }

  private Optional<Instant> triggerIfDue(DSLContext sql, Job job, Instant now) {
    return sql.transactionResult(
        configuration -> {
          DSLContext tx = configuration.dsl();
          tx.execute(
              "select pg_advisory_xact_lock(hashtextextended({0}, 0))",
              "snoop.prow_job " + job.name());
          Optional<JobRun> newest = JobStore.history(tx, job.name(), 1).stream().findFirst();
          Optional<Instant> due = dueAt(job, newest);
          if (due.isEmpty() || due.get().isAfter(now)) {
            return due;
          }
          JobRun run = newRuns.triggered(job, Optional.empty(), executor, Optional.empty());
          JobStore.insert(tx, run);
          log.info("periodic {} triggered: build {}", job.name(), run.buildIdText());
          return dueAt(job, Optional.of(run));
        });
  }

  /** When {@code job} is next due after its newest run; empty while that run is going. */
  static Optional<Instant> dueAt(Job job, Optional<JobRun> newest) {
    if (newest.isEmpty()) {
      return Optional.of(Instant.MIN);
    }
    JobRun run = newest.get();
    if (!run.complete()) {
      return Optional.empty();
    }
    if (job.interval().isPresent()) {
      return Optional.of(run.startTime().plus(GoDuration.parse(job.interval().get())));
    }
    if (job.minimumInterval().isPresent()) {
      return Optional.of(
          run.completionTime().orElseThrow().plus(GoDuration.parse(job.minimumInterval().get())));
    }
    CronSchedule cron = CronSchedule.parse(job.cron().orElseThrow());
    return Optional.of(cron.nextAfter(run.startTime().atZone(ZoneOffset.UTC)).toInstant());
  }
}
