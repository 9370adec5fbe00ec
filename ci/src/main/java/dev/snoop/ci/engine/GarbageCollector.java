package dev.snoop.ci.engine;

import static dev.snoop.ci.engine.NodeLease.time;
import static dev.snoop.db.jooq.snoop.Tables.PROW_JOB;

import dev.snoop.ci.exec.Executor;
import dev.snoop.ci.run.JobRun;
import dev.snoop.ci.run.JobStore;
import dev.snoop.db.jooq.snoop.tables.ProwJob;
import java.time.Instant;
import java.util.Map;
import java.util.Set;
import org.jooq.DSLContext;
import org.jooq.impl.DSL;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Prow's sinker: removes the workloads of runs complete for longer than {@code terminated_pod_ttl}
 * (once each, remembered in {@code cleaned_time}), and deletes the rows of complete runs started
 * longer ago than {@code max_prowjob_age}, but for the newest complete run of each periodic still
 * in the config, which the periodic's schedule is measured from. A row is deleted only after its
 * workload was removed. A run not complete is never touched: removing a running run's workload
 * would end it as lost.
 */
final class GarbageCollector {
  private static final Logger log = LoggerFactory.getLogger(GarbageCollector.class);

  private final GcSettings settings;
  private final Map<String, Executor> executors;
  private final Set<String> periodics;

  GarbageCollector(GcSettings settings, Map<String, Executor> executors, Set<String> periodics) {
    this.settings = settings;
    this.executors = Map.copyOf(executors);
    this.periodics = Set.copyOf(periodics);
  }

  /** One collection at {@code now}. */
  Result collect(DSLContext sql, Instant now) {
    int cleaned = 0;
    Instant cleanBefore = now.minus(settings.terminatedWorkloadTtl());
    for (JobRun run :
        sql.selectFrom(PROW_JOB)
            .where(PROW_JOB.COMPLETION_TIME.lt(time(cleanBefore)))
            .and(PROW_JOB.CLEANED_TIME.isNull())
            .and(PROW_JOB.EXECUTOR.in(executors.keySet()))
            .fetch(JobStore::run)) {
      try {
        executors.get(run.executor()).cleanUp(run);
      } catch (RuntimeException e) {
        log.warn("cleaning up {} {}: {}", run.job(), run.buildIdText(), e.toString());
        continue;
      }
      sql.update(PROW_JOB)
          .set(PROW_JOB.CLEANED_TIME, time(now))
          .where(PROW_JOB.ID.eq(run.id()))
          .execute();
      cleaned++;
    }
    ProwJob newer = PROW_JOB.as("newer");
    int deleted =
        sql.deleteFrom(PROW_JOB)
            .where(PROW_JOB.COMPLETION_TIME.isNotNull())
            .and(PROW_JOB.START_TIME.lt(time(now.minus(settings.maxRunAge()))))
            // a row goes after its workload: the row is how the workload is found
            .and(PROW_JOB.CLEANED_TIME.isNotNull())
            .andNot(
                PROW_JOB
                    .JOB
                    .in(periodics)
                    .andNotExists(
                        DSL.selectOne()
                            .from(newer)
                            .where(newer.JOB.eq(PROW_JOB.JOB))
                            .and(newer.COMPLETION_TIME.isNotNull())
                            .and(newer.BUILD_ID.gt(PROW_JOB.BUILD_ID))))
            .execute();
    if (cleaned > 0 || deleted > 0) {
      log.info("garbage collection: {} workloads removed, {} runs deleted", cleaned, deleted);
    }
    return new Result(cleaned, deleted);
  }

  /** What one collection removed. */
  record Result(int workloadsRemoved, int runsDeleted) {}
}
