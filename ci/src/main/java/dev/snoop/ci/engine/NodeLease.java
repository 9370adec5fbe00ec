package dev.snoop.ci.engine;

import static dev.snoop.db.jooq.snoop.Tables.ENGINE_NODE;

import dev.snoop.ci.run.BuildIds;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Optional;
import org.jooq.DSLContext;

/**
 * A snowflake node (0..1023) held by one process through {@code snoop.engine_node}, so the build
 * ids of every process that makes runs on one database differ. A node whose lease has passed is
 * free: a process killed with -9 gives its node back after one lease.
 */
public final class NodeLease {
  private final DSLContext sql;
  private final Clock clock;
  private final String owner;
  private final Duration lease;
  private final int node;

  private NodeLease(DSLContext sql, Clock clock, String owner, Duration lease, int node) {
    this.sql = sql;
    this.clock = clock;
    this.owner = owner;
    this.lease = lease;
    this.node = node;
  }

  /**
   * Takes the lowest free node for {@code owner} until {@code lease} from now.
   *
   * @throws IllegalStateException when all 1,024 nodes are held
   */
  public static NodeLease claim(DSLContext sql, Clock clock, String owner, Duration lease) {
    for (int attempt = 0; attempt < 10; attempt++) {
      Optional<Integer> node = tryClaim(sql, clock, owner, lease);
      if (node.isPresent()) {
        return new NodeLease(sql, clock, owner, lease, node.get());
      }
    }
    throw new IllegalStateException(
        "no snowflake node is free: 1,024 processes hold one in snoop.engine_node");
  }

  /**
   * One attempt: the lowest node nobody holds, inserted or taken over when its lease has passed.
   * Two processes choosing the same node at once: one insert wins, the other finds nothing.
   */
  private static Optional<Integer> tryClaim(
      DSLContext sql, Clock clock, String owner, Duration lease) {
    OffsetDateTime now = time(clock.instant());
    OffsetDateTime until = time(clock.instant().plus(lease));
    return sql.resultQuery(
            """
            insert into snoop.engine_node (node, owner, lease_until)
            select n, {0}, {1} from generate_series(0, 1023) n
            where not exists (
              select 1 from snoop.engine_node e where e.node = n and e.lease_until > {2})
            order by n limit 1
            on conflict (node) do update set owner = excluded.owner, lease_until = excluded.lease_until
            where snoop.engine_node.lease_until <= {2}
            returning node
            """,
            owner, until, now)
        .fetchOptional(0, Integer.class);
  }

  public int node() {
    return node;
  }

  public String owner() {
    return owner;
  }

  /** Build ids made on this node. */
  public BuildIds buildIds() {
    return new BuildIds(clock, node);
  }

  /**
   * Extends the lease.
   *
   * @return false when the node is no longer this process's (it was paused past its lease and
   *     another process took the node): it must stop making build ids
   */
  public boolean renew() {
    return sql.update(ENGINE_NODE)
            .set(ENGINE_NODE.LEASE_UNTIL, time(clock.instant().plus(lease)))
            .where(ENGINE_NODE.NODE.eq(node))
            .and(ENGINE_NODE.OWNER.eq(owner))
            .execute()
        == 1;
  }

  /** Gives the node back. */
  public void release() {
    sql.deleteFrom(ENGINE_NODE)
        .where(ENGINE_NODE.NODE.eq(node))
        .and(ENGINE_NODE.OWNER.eq(owner))
        .execute();
  }

  static OffsetDateTime time(Instant instant) {
    return instant.atOffset(ZoneOffset.UTC);
  }
}
