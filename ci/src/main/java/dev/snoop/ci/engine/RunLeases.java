package dev.snoop.ci.engine;

import static dev.snoop.ci.engine.NodeLease.time;
import static dev.snoop.db.jooq.snoop.Tables.PROW_JOB;

import java.time.Instant;
import org.jooq.DSLContext;

/**
 * Which engine holds which incomplete run: {@code owner} and {@code lease_until} of {@code
 * snoop.prow_job}. An engine renews the leases of all its runs in one statement while it lives;
 * another engine takes a run over once its lease has passed.
 */
final class RunLeases {
  private RunLeases() {}

  /** Extends the lease of every incomplete run {@code owner} holds; returns how many. */
  static int renew(DSLContext sql, String owner, Instant until) {
    return sql.update(PROW_JOB)
        .set(PROW_JOB.LEASE_UNTIL, time(until))
        .where(PROW_JOB.OWNER.eq(owner))
        .and(PROW_JOB.COMPLETION_TIME.isNull())
        .execute();
  }

  /**
   * Makes {@code owner} the holder of an incomplete run nobody holds (an aborted run that never
   * started) or whose holder's lease has passed at {@code now} (its engine died or hangs).
   *
   * @return whether {@code owner} holds it now
   */
  static boolean takeOver(DSLContext sql, String id, String owner, Instant now, Instant until) {
    return sql.update(PROW_JOB)
            .set(PROW_JOB.OWNER, owner)
            .set(PROW_JOB.LEASE_UNTIL, time(until))
            .where(PROW_JOB.ID.eq(id))
            .and(PROW_JOB.COMPLETION_TIME.isNull())
            .and(PROW_JOB.OWNER.isNull().or(PROW_JOB.LEASE_UNTIL.le(time(now))))
            .execute()
        == 1;
  }
}
