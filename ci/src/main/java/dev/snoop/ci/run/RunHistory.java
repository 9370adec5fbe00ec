package dev.snoop.ci.run;

import static dev.snoop.db.jooq.snoop.Tables.PROW_JOB;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jooq.DSLContext;
import org.jooq.Record2;

/**
 * Runs as the job pages show them, as deck shows ProwJobs: the newest runs of every job, one build,
 * and where each queued run stands in its job's queue.
 */
public final class RunHistory {
  private RunHistory() {}

  /** Every job's runs, newest first. */
  public static List<JobRun> recent(DSLContext sql, int limit) {
    return sql.selectFrom(PROW_JOB)
        .orderBy(PROW_JOB.BUILD_ID.desc())
        .limit(limit)
        .fetch(JobStore::run);
  }

  /** The run of {@code job} with this build id. */
  public static Optional<JobRun> build(DSLContext sql, String job, long buildId) {
    return sql.selectFrom(PROW_JOB)
        .where(PROW_JOB.BUILD_ID.eq(buildId))
        .and(PROW_JOB.JOB.eq(job))
        .fetchOptional()
        .map(JobStore::run);
  }

  /**
   * Where a triggered run stands: {@code position} 1 is next, {@code running} of its job are
   * pending now, and {@code maxConcurrency} (0: no limit) is what holds it back.
   */
  public record QueuePlace(int position, int running, int maxConcurrency) {}

  /**
   * The place of every triggered run, by id: first come, first served within a job (older start
   * time first, then lower build id), as admission takes them.
   */
  public static Map<String, QueuePlace> queue(DSLContext sql) {
    Map<String, Integer> running = new HashMap<>();
    for (Record2<String, Integer> row :
        sql.select(PROW_JOB.JOB, org.jooq.impl.DSL.count())
            .from(PROW_JOB)
            .where(PROW_JOB.STATE.eq(JobState.PENDING.prowName()))
            .groupBy(PROW_JOB.JOB)
            .fetch()) {
      running.put(row.value1(), row.value2());
    }
    Map<String, QueuePlace> places = new HashMap<>();
    Map<String, Integer> positions = new HashMap<>();
    for (JobRun run :
        sql.selectFrom(PROW_JOB)
            .where(PROW_JOB.STATE.eq(JobState.TRIGGERED.prowName()))
            .orderBy(PROW_JOB.START_TIME, PROW_JOB.BUILD_ID)
            .fetch(JobStore::run)) {
      int position = positions.merge(run.job(), 1, Integer::sum);
      places.put(
          run.id(),
          new QueuePlace(position, running.getOrDefault(run.job(), 0), run.maxConcurrency()));
    }
    return places;
  }
}
