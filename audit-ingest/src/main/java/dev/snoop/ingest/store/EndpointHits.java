package dev.snoop.ingest.store;

import dev.snoop.ingest.attribution.TestAttribution;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The per-run aggregate in memory: requests per (operation, userAgent), with first and last time
 * seen. It holds at most {@code maxRows} rows: when {@link #full()}, the run spills them to disk
 * and clears it ({@link IngestRun#spill}), so memory stays bounded whatever the log.
 *
 * <p>Rows are kept per operation in an open-addressing table of four longs each (agent, hits,
 * first, last): about 50 bytes a row, with no object per row, and written in operationId order
 * without sorting. A run of e2e tests spread over every endpoint has hundreds of thousands of rows,
 * and an object per row cost a cache miss or three on every request.
 */
public final class EndpointHits {
  /** About 25 MB of rows; a conformance run has 20,000 per million events. */
  public static final int MAX_ROWS = 500_000;

  private static final int SLOT = 4; // agent number + 1 (0: free), hits, first, last
  private static final long NO_TIME_FIRST = Long.MAX_VALUE;
  private static final long NO_TIME_LAST = Long.MIN_VALUE;

  /** An agent: the one String of it its rows share, and its number in the operations' tables. */
  private record Agent(String userAgent, TestAttribution attribution, int number) {}

  /** One operation's rows. */
  private static final class Operation {
    final String id;
    long[] slots = new long[SLOT * 8];
    int used;

    Operation(String id) {
      this.id = id;
    }
  }

  /** A row as the writer reads it. */
  @FunctionalInterface
  interface RowVisitor {
    void row(
        String endpoint,
        String userAgent,
        TestAttribution attribution,
        long hits,
        long firstMicros,
        long lastMicros)
        throws IOException;
  }

  private final int maxRows;

  /** By the agent's text: each event brings its own copy, the table keeps the first. */
  private final Map<String, Agent> byAgent = new HashMap<>();

  private final List<Agent> agents = new ArrayList<>();

  /** By operationId: the matcher's own Strings, whose hash is cached. */
  private final Map<String, Operation> byOperation = new HashMap<>();

  private int rows;

  public EndpointHits() {
    this(MAX_ROWS);
  }

  public EndpointHits(int maxRows) {
    if (maxRows < 1) {
      throw new IllegalArgumentException("maxRows must be positive, not " + maxRows);
    }
    this.maxRows = maxRows;
  }

  /**
   * Counts a request.
   *
   * @param receivedMicros the request's time, or Long.MIN_VALUE when the event has none
   */
  public void add(
      String endpoint, String userAgent, TestAttribution attribution, long receivedMicros) {
    String text = userAgent == null ? "" : userAgent;
    Agent agent = byAgent.get(text);
    if (agent == null) {
      agent = new Agent(text, attribution, agents.size());
      byAgent.put(text, agent);
      agents.add(agent);
    }
    Operation operation = byOperation.get(endpoint);
    if (operation == null) {
      operation = new Operation(endpoint);
      byOperation.put(endpoint, operation);
    }
    long key = agent.number() + 1L;
    long[] slots = operation.slots;
    int at = SLOT * (hash(key) & (slots.length / SLOT - 1));
    while (slots[at] != key && slots[at] != 0) {
      at = (at + SLOT) & (slots.length - 1);
    }
    if (slots[at] == 0) {
      slots[at] = key;
      slots[at + 2] = NO_TIME_FIRST;
      slots[at + 3] = NO_TIME_LAST;
      rows++;
      operation.used++;
    }
    slots[at + 1]++;
    if (receivedMicros != Long.MIN_VALUE) {
      slots[at + 2] = Math.min(slots[at + 2], receivedMicros);
      slots[at + 3] = Math.max(slots[at + 3], receivedMicros);
    }
    if (operation.used * 2 > slots.length / SLOT) {
      grow(operation);
    }
  }

  /** True when it holds as many rows as it may: spill them ({@link IngestRun#spill}). */
  public boolean full() {
    return rows >= maxRows;
  }

  int size() {
    return rows;
  }

  /**
   * Every row, in operationId order: a table filled in the order of its index then has the index
   * built from input already sorted, which PostgreSQL's sort only checks. Times are Long.MAX_VALUE
   * (first) and Long.MIN_VALUE (last) when no request had one.
   */
  void forEachRow(RowVisitor visitor) throws IOException {
    List<Operation> operations = new ArrayList<>(byOperation.values());
    operations.sort(Comparator.comparing(o -> o.id)); // ASCII: String order is byte order, as "C"
    for (Operation operation : operations) {
      long[] slots = operation.slots;
      for (int at = 0; at < slots.length; at += SLOT) {
        if (slots[at] != 0) {
          Agent agent = agents.get((int) slots[at] - 1);
          visitor.row(
              operation.id,
              agent.userAgent(),
              agent.attribution(),
              slots[at + 1],
              slots[at + 2],
              slots[at + 3]);
        }
      }
    }
  }

  void clear() {
    byAgent.clear();
    agents.clear();
    byOperation.clear();
    rows = 0;
  }

  private static void grow(Operation operation) {
    long[] old = operation.slots;
    long[] slots = new long[old.length * 2];
    for (int from = 0; from < old.length; from += SLOT) {
      if (old[from] != 0) {
        int at = SLOT * (hash(old[from]) & (slots.length / SLOT - 1));
        while (slots[at] != 0) {
          at = (at + SLOT) & (slots.length - 1);
        }
        System.arraycopy(old, from, slots, at, SLOT);
      }
    }
    operation.slots = slots;
  }

  private static int hash(long key) {
    return (int) ((key * 0x9E3779B97F4A7C15L) >>> 40);
  }
}
