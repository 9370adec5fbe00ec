package dev.snoop.ci.run;

import java.time.Clock;

/**
 * Prow's build ids: 64-bit snowflakes, {@code (ms since 2010-11-04T01:42:54.657Z) << 22 | node <<
 * 12 | sequence}, printed as decimals. They grow with time, which TestGrid and Spyglass rely on to
 * order builds; the node (one per engine process) keeps two engines from ever making the same id.
 */
public final class BuildIds {
  /** Twitter's snowflake epoch, which Prow's snowflake library keeps. */
  static final long EPOCH_MS = 1288834974657L;

  private static final int NODE_BITS = 10;
  private static final int SEQUENCE_BITS = 12;
  private static final long MAX_SEQUENCE = (1L << SEQUENCE_BITS) - 1;

  private final Clock clock;
  private final long node;
  private long lastMs = -1;
  private long sequence;

  /**
   * @param node 0 to 1023, distinct for each engine sharing a database
   */
  public BuildIds(Clock clock, int node) {
    if (node < 0 || node >= 1 << NODE_BITS) {
      throw new IllegalArgumentException("snowflake node " + node + " is not within 0..1023");
    }
    this.clock = clock;
    this.node = node;
  }

  /** The next id: greater than every id this generator made before. */
  public synchronized long next() {
    long ms = Math.max(clock.millis(), lastMs);
    if (ms == lastMs) {
      sequence = (sequence + 1) & MAX_SEQUENCE;
      if (sequence == 0) {
        ms = lastMs + 1; // 4,096 ids in one millisecond: borrow the next one
      }
    } else {
      sequence = 0;
    }
    lastMs = ms;
    return ((ms - EPOCH_MS) << (NODE_BITS + SEQUENCE_BITS)) | (node << SEQUENCE_BITS) | sequence;
  }

  /** When an id was made, in milliseconds since 1970. */
  public static long millisOf(long buildId) {
    return (buildId >>> (NODE_BITS + SEQUENCE_BITS)) + EPOCH_MS;
  }
}
