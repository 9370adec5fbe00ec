package dev.snoop.ci.engine;

import static org.assertj.core.api.Assertions.assertThat;

import dev.snoop.db.Database;
import dev.snoop.db.testing.MigratedDatabase;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(MigratedDatabase.class)
class NodeLeaseIT {
  private final Database db;

  NodeLeaseIT(Database db) {
    this.db = db;
  }

  @Test
  void liveProcessesHoldDistinctNodesAndAnExpiredNodeIsTakenAgain() {
    MutableClock clock = new MutableClock(Instant.parse("2026-12-01T00:00:00Z"));
    Duration lease = Duration.ofSeconds(30);
    NodeLease a = NodeLease.claim(db.dsl(), clock, "a", lease);
    NodeLease b = NodeLease.claim(db.dsl(), clock, "b", lease);
    assertThat(a.node()).isNotEqualTo(b.node());

    clock.advance(Duration.ofSeconds(20));
    assertThat(a.renew()).isTrue(); // a lives on; b is killed and renews no more
    clock.advance(Duration.ofSeconds(20));
    NodeLease c = NodeLease.claim(db.dsl(), clock, "c", lease);
    assertThat(c.node()).isEqualTo(b.node());
    assertThat(b.renew()).as("b's node is c's now: b must stop").isFalse();

    c.release();
    NodeLease d = NodeLease.claim(db.dsl(), clock, "d", lease);
    assertThat(d.node()).isEqualTo(c.node());
    assertThat(d.buildIds().next()).isNotEqualTo(a.buildIds().next());
  }
}
