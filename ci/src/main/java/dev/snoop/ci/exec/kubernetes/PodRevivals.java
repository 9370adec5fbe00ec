package dev.snoop.ci.exec.kubernetes;

import static dev.snoop.db.jooq.snoop.Tables.PROW_JOB;

import org.jooq.DSLContext;

/**
 * Prow's {@code status.pod_revival_count} of a run, in its row: the pod that would carry it is what
 * an eviction or a lost node takes away.
 */
final class PodRevivals {
  /** Prow's {@code plank.max_revivals} default: after this many the run is an error. */
  static final int MAX = 3;

  private PodRevivals() {}

  static int count(DSLContext sql, String runId) {
    return sql.select(PROW_JOB.POD_REVIVAL_COUNT)
        .from(PROW_JOB)
        .where(PROW_JOB.ID.eq(runId))
        .fetchOptional(PROW_JOB.POD_REVIVAL_COUNT)
        .orElse(0);
  }

  /**
   * Counts one more revival, unless another engine counted it first.
   *
   * @param seen the count this engine read before deciding to revive
   * @return whether this call counted it (and so may delete the pod)
   */
  static boolean increment(DSLContext sql, String runId, int seen) {
    return sql.update(PROW_JOB)
            .set(PROW_JOB.POD_REVIVAL_COUNT, seen + 1)
            .where(PROW_JOB.ID.eq(runId))
            .and(PROW_JOB.POD_REVIVAL_COUNT.eq(seen))
            .execute()
        == 1;
  }
}
