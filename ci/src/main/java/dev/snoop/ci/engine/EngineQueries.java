package dev.snoop.ci.engine;

import static dev.snoop.db.jooq.snoop.Tables.PROW_JOB;

import dev.snoop.ci.run.JobRun;
import dev.snoop.ci.run.JobState;
import dev.snoop.ci.run.JobStore;
import java.util.List;
import org.jooq.Condition;
import org.jooq.DSLContext;
import org.jooq.Field;
import org.jooq.impl.DSL;
import org.jooq.impl.SQLDataType;

/** What a pass reads: the runs being run or stopped, and a summary of each job's queue. */
final class EngineQueries {
  private EngineQueries() {}

  /** Incomplete runs past admission (pending, or aborted and not complete), oldest first. */
  static List<JobRun> admitted(DSLContext sql) {
    return sql.selectFrom(PROW_JOB)
        .where(PROW_JOB.COMPLETION_TIME.isNull())
        .and(PROW_JOB.STATE.ne(JobState.TRIGGERED.prowName()))
        .orderBy(PROW_JOB.START_TIME, PROW_JOB.BUILD_ID)
        .fetch(JobStore::run);
  }

  /**
   * A job with triggered runs: how many of its runs are pending, and the largest {@code
   * max_concurrency} of its triggered ones (0 when one has none): admission is worth a transaction
   * only when {@code pending < limit} or the limit is 0.
   */
  record Queue(String job, int pending, int limit) {
    boolean mayAdmit() {
      return limit == 0 || pending < limit;
    }
  }

  static List<Queue> queues(DSLContext sql) {
    Field<Integer> runLimit =
        DSL.coalesce(
            DSL.field("({0} ->> 'max_concurrency')", SQLDataType.VARCHAR, PROW_JOB.SPEC)
                .cast(SQLDataType.INTEGER),
            DSL.inline(0));
    Condition triggered = PROW_JOB.STATE.eq(JobState.TRIGGERED.prowName());
    Field<Integer> pending =
        DSL.count().filterWhere(PROW_JOB.STATE.eq(JobState.PENDING.prowName())).as("pending");
    Field<Integer> unlimited = DSL.count().filterWhere(triggered.and(runLimit.eq(0)));
    Field<Integer> limit = DSL.max(runLimit).filterWhere(triggered);
    return sql.select(PROW_JOB.JOB, pending, unlimited, limit)
        .from(PROW_JOB)
        .where(PROW_JOB.COMPLETION_TIME.isNull())
        .groupBy(PROW_JOB.JOB)
        .having(DSL.count().filterWhere(triggered).gt(0))
        .orderBy(DSL.min(PROW_JOB.START_TIME))
        .fetch(r -> new Queue(r.value1(), r.value2(), r.value3() > 0 ? 0 : r.value4()));
  }
}
