package dev.snoop.ci.engine;

import static dev.snoop.db.jooq.snoop.Tables.PROW_JOB;

import dev.snoop.ci.run.JobRun;
import dev.snoop.ci.run.JobState;
import dev.snoop.ci.run.JobStore;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.stream.Stream;
import org.jooq.Condition;
import org.jooq.DSLContext;
import org.jooq.Field;
import org.jooq.impl.DSL;
import org.jooq.impl.SQLDataType;

/**
 * Moves a job's triggered runs to pending as its {@code max_concurrency} allows, oldest first, as
 * Prow's plank does: a run may start when the job's pending runs plus its triggered runs older than
 * it are fewer than the limit ({@code countPendingOrOlderTriggeredMatchingPJs}). One transaction
 * per job, serialised across engines by an advisory lock on the job's name, so two engines never
 * both fill the last slot. A run that names a job queue ({@code job_queue_name}) must also fit the
 * queue's capacity ({@code plank.job_queue_capacities}), counted the same way over the runs of
 * every job in the queue, under a lock on the queue taken after the job's (queues in name order, so
 * two admissions never wait on each other). A run admitted here is pending and held by the engine,
 * with no pod name yet: the engine starts its workload next (and an engine that adopts it starts
 * it, see {@link RunSync}).
 */
final class Admission {
  private static final Field<String> QUEUE =
      DSL.field("({0} ->> 'job_queue_name')", SQLDataType.VARCHAR, PROW_JOB.SPEC);

  /** Prow's description of a run whose workload is starting. */
  static final String STARTING = "Job triggered.";

  private Admission() {}

  /**
   * Admits what it can of {@code job}'s triggered runs.
   *
   * @param largestLimit the largest max_concurrency of the job's triggered runs, 0 if one has none
   * @param mine the runs this engine may start (its executors, its scope); the others still count
   *     as older triggered runs
   * @param queueCapacities by job queue name, its capacity (0: nothing starts; negative: no limit;
   *     a queue missing from it is taken as 0, as Prow cannot run a job of an unknown queue)
   * @return the runs admitted, now pending and held by {@code owner}
   */
  static List<JobRun> admit(
      DSLContext sql,
      String job,
      String owner,
      Clock clock,
      Duration lease,
      int largestLimit,
      Predicate<JobRun> mine,
      Map<String, Integer> queueCapacities,
      Function<JobRun, Optional<String>> jobUrl) {
    return sql.transactionResult(
        configuration -> {
          DSLContext tx = configuration.dsl();
          tx.execute(
              "select pg_advisory_xact_lock(hashtextextended({0}, 0))", "snoop.prow_job " + job);
          // with no queue configured a run naming one cannot start, so there is nothing to lock
          for (String queue : queueCapacities.isEmpty() ? List.<String>of() : queuesOf(tx, job)) {
            tx.execute(
                "select pg_advisory_xact_lock(hashtextextended({0}, 0))",
                "snoop.job_queue " + queue);
          }
          // read after the lock: a run's pending time is never before the completion that freed
          // its slot
          Instant now = clock.instant();
          Instant leaseUntil = now.plus(lease);
          int pending = tx.fetchCount(PROW_JOB, pendingOf(job));
          int olderTriggered = 0;
          List<JobRun> admitted = new ArrayList<>();
          try (Stream<JobRun> queue =
              tx.selectFrom(PROW_JOB)
                  .where(PROW_JOB.JOB.eq(job))
                  .and(PROW_JOB.STATE.eq(JobState.TRIGGERED.prowName()))
                  .orderBy(PROW_JOB.START_TIME, PROW_JOB.BUILD_ID)
                  .fetchSize(100)
                  .fetchStream()
                  .map(JobStore::run)) {
            for (JobRun run : (Iterable<JobRun>) queue::iterator) {
              if (largestLimit > 0 && pending + olderTriggered >= largestLimit) {
                break; // no run behind this one may start either
              }
              int limit = run.maxConcurrency();
              boolean free =
                  (limit == 0 || pending + olderTriggered < limit)
                      && fitsItsQueue(tx, run, queueCapacities);
              if (free && mine.test(run)) {
                JobRun claimed =
                    run.withStatus(
                            JobState.PENDING,
                            STARTING,
                            Optional.of(now),
                            Optional.empty(),
                            jobUrl.apply(run),
                            Optional.empty())
                        .withLease(owner, leaseUntil);
                if (JobStore.replace(tx, JobState.TRIGGERED, claimed)) {
                  admitted.add(claimed);
                  pending++;
                  continue;
                }
              }
              olderTriggered++;
            }
          }
          return admitted;
        });
  }

  /** The job queues the job's triggered runs name, in name order (the order they are locked in). */
  private static List<String> queuesOf(DSLContext tx, String job) {
    return tx.selectDistinct(QUEUE)
        .from(PROW_JOB)
        .where(PROW_JOB.JOB.eq(job))
        .and(PROW_JOB.STATE.eq(JobState.TRIGGERED.prowName()))
        .and(QUEUE.isNotNull())
        .orderBy(QUEUE)
        .fetch(QUEUE);
  }

  /**
   * Whether the run may start as far as its queue goes: the queue's pending runs and its triggered
   * runs older than this one, of any job, are fewer than its capacity (Prow's
   * countPendingOrOlderTriggeredMatchingPJs over the queue).
   */
  private static boolean fitsItsQueue(
      DSLContext tx, JobRun run, Map<String, Integer> queueCapacities) {
    if (run.jobQueueName().isEmpty()) {
      return true;
    }
    String queue = run.jobQueueName().get();
    int capacity = queueCapacities.getOrDefault(queue, 0);
    if (capacity < 0) {
      return true;
    }
    Condition olderTriggered =
        PROW_JOB
            .STATE
            .eq(JobState.TRIGGERED.prowName())
            .and(
                DSL.row(PROW_JOB.START_TIME, PROW_JOB.BUILD_ID)
                    .lt(run.startTime().atOffset(ZoneOffset.UTC), run.buildId()));
    int ahead =
        tx.fetchCount(
            PROW_JOB,
            QUEUE.eq(queue).and(PROW_JOB.STATE.eq(JobState.PENDING.prowName()).or(olderTriggered)));
    return ahead < capacity;
  }

  private static Condition pendingOf(String job) {
    return PROW_JOB.JOB.eq(job).and(PROW_JOB.STATE.eq(JobState.PENDING.prowName()));
  }
}
