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
 * seen and the requests by status class of their response; and requests per (operation, userAgent,
 * query parameter name). It holds at most {@code maxRows} rows of both kinds: when {@link #full()},
 * the run spills them to disk and clears it ({@link IngestRun#spill}), so memory stays bounded
 * whatever the log.
 *
 * <p>Rows are kept per operation in open-addressing tables of longs (agent, hits, first, last and
 * the five status classes; agent and parameter, hits): no object per row, and written in
 * operationId order without sorting. A run of e2e tests spread over every endpoint has hundreds of
 * thousands of rows, and an object per row cost a cache miss or three on every request.
 */
public final class EndpointHits {
  /** About 25 MB of rows; a conformance run has 20,000 per million events. */
  public static final int MAX_ROWS = 500_000;

  // agent number + 1 (0: free), hits, first, last, then requests answered 1xx to 5xx
  private static final int SLOT = 9;
  private static final int CLASSES = 4; // where the 1xx count is
  // (parameter number + 1) << 32 | agent number + 1 (0: free), hits
  private static final int PARAMETER_SLOT = 2;
  private static final long NO_TIME_FIRST = Long.MAX_VALUE;
  private static final long NO_TIME_LAST = Long.MIN_VALUE;

  /** An agent: the one String of it its rows share, and its number in the operations' tables. */
  private record Agent(String userAgent, TestAttribution attribution, int number) {}

  /** One operation's rows. */
  private static final class Operation {
    final String id;
    long[] slots = new long[SLOT * 8];
    int used;
    long[] parameterSlots; // null until a request with a query parameter
    int parametersUsed;

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
        long lastMicros,
        long[] classes)
        throws IOException;
  }

  /** A parameter row as the writer reads it. */
  @FunctionalInterface
  interface ParameterVisitor {
    void row(
        String endpoint, String userAgent, TestAttribution attribution, String parameter, long hits)
        throws IOException;
  }

  private final int maxRows;

  /** By the agent's text: each event brings its own copy, the table keeps the first. */
  private final Map<String, Agent> byAgent = new HashMap<>();

  private final List<Agent> agents = new ArrayList<>();

  /** By operationId: the matcher's own Strings, whose hash is cached. */
  private final Map<String, Operation> byOperation = new HashMap<>();

  /** Query parameter names by their number in the operations' parameter tables. */
  private final Map<String, Integer> parameterNumbers = new HashMap<>();

  private final List<String> parameters = new ArrayList<>();

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
   * @param code the response's status code, or a value below 100 when not known (yet): see {@link
   *     #addOutcome}
   * @param parameters the names of the query parameters the request sent, each once
   */
  public void add(
      String endpoint,
      String userAgent,
      TestAttribution attribution,
      long receivedMicros,
      int code,
      List<String> parameters) {
    Agent agent = agent(userAgent, attribution);
    Operation operation = operation(endpoint);
    int at = slot(operation, agent);
    long[] slots = operation.slots;
    slots[at + 1]++;
    if (receivedMicros != Long.MIN_VALUE) {
      slots[at + 2] = Math.min(slots[at + 2], receivedMicros);
      slots[at + 3] = Math.max(slots[at + 3], receivedMicros);
    }
    countClass(slots, at, code);
    for (int i = 0; i < parameters.size(); i++) {
      addParameter(operation, agent, parameters.get(i));
    }
  }

  /**
   * Counts the status code of a request counted earlier ({@link #add} at a stage without one): the
   * response of a request logged at several stages comes with its last.
   */
  public void addOutcome(String endpoint, String userAgent, TestAttribution attribution, int code) {
    if (code < 100 || code > 599) {
      return;
    }
    Operation operation = operation(endpoint);
    int at = slot(operation, agent(userAgent, attribution));
    countClass(operation.slots, at, code);
  }

  private static void countClass(long[] slots, int at, int code) {
    if (code >= 100 && code <= 599) {
      slots[at + CLASSES + code / 100 - 1]++;
    }
  }

  private Agent agent(String userAgent, TestAttribution attribution) {
    String text = userAgent == null ? "" : userAgent;
    Agent agent = byAgent.get(text);
    if (agent == null) {
      agent = new Agent(text, attribution, agents.size());
      byAgent.put(text, agent);
      agents.add(agent);
    }
    return agent;
  }

  private Operation operation(String endpoint) {
    Operation operation = byOperation.get(endpoint);
    if (operation == null) {
      operation = new Operation(endpoint);
      byOperation.put(endpoint, operation);
    }
    return operation;
  }

  /** The agent's row of the operation, made when it has none. */
  private int slot(Operation operation, Agent agent) {
    long key = agent.number() + 1L;
    long[] slots = operation.slots;
    int mask = slots.length / SLOT - 1;
    int index = hash(key) & mask;
    while (slots[index * SLOT] != key && slots[index * SLOT] != 0) {
      index = (index + 1) & mask;
    }
    int at = index * SLOT;
    if (slots[at] == 0) {
      slots[at] = key;
      slots[at + 2] = NO_TIME_FIRST;
      slots[at + 3] = NO_TIME_LAST;
      rows++;
      operation.used++;
      if (operation.used * 2 > slots.length / SLOT) {
        operation.slots = grow(slots, SLOT);
        return slot(operation, agent);
      }
    }
    return at;
  }

  private void addParameter(Operation operation, Agent agent, String name) {
    Integer number = parameterNumbers.get(name);
    if (number == null) {
      number = parameters.size();
      parameterNumbers.put(name, number);
      parameters.add(name);
    }
    long key = ((number + 1L) << 32) | (agent.number() + 1L);
    long[] slots = operation.parameterSlots;
    if (slots == null) {
      slots = operation.parameterSlots = new long[PARAMETER_SLOT * 8];
    }
    int mask = slots.length / PARAMETER_SLOT - 1;
    int index = hash(key) & mask;
    while (slots[index * PARAMETER_SLOT] != key && slots[index * PARAMETER_SLOT] != 0) {
      index = (index + 1) & mask;
    }
    int at = index * PARAMETER_SLOT;
    if (slots[at] == 0) {
      slots[at] = key;
      rows++;
      operation.parametersUsed++;
    }
    slots[at + 1]++;
    if (operation.parametersUsed * 2 > slots.length / PARAMETER_SLOT) {
      operation.parameterSlots = grow(slots, PARAMETER_SLOT);
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
    long[] classes = new long[5]; // 1xx to 5xx, the visitor's to read during its call
    for (Operation operation : sortedOperations()) {
      long[] slots = operation.slots;
      for (int at = 0; at < slots.length; at += SLOT) {
        if (slots[at] != 0) {
          Agent agent = agents.get((int) slots[at] - 1);
          System.arraycopy(slots, at + CLASSES, classes, 0, classes.length);
          visitor.row(
              operation.id,
              agent.userAgent(),
              agent.attribution(),
              slots[at + 1],
              slots[at + 2],
              slots[at + 3],
              classes);
        }
      }
    }
  }

  /** Every parameter row, in operationId order. */
  void forEachParameterRow(ParameterVisitor visitor) throws IOException {
    for (Operation operation : sortedOperations()) {
      long[] slots = operation.parameterSlots;
      if (slots == null) {
        continue;
      }
      for (int at = 0; at < slots.length; at += PARAMETER_SLOT) {
        if (slots[at] != 0) {
          Agent agent = agents.get((int) (slots[at] & 0xFFFF_FFFFL) - 1);
          String parameter = parameters.get((int) (slots[at] >>> 32) - 1);
          visitor.row(
              operation.id, agent.userAgent(), agent.attribution(), parameter, slots[at + 1]);
        }
      }
    }
  }

  private List<Operation> sortedOperations() {
    List<Operation> operations = new ArrayList<>(byOperation.values());
    operations.sort(Comparator.comparing(o -> o.id)); // ASCII: String order is byte order, as "C"
    return operations;
  }

  void clear() {
    byAgent.clear();
    agents.clear();
    byOperation.clear();
    parameterNumbers.clear();
    parameters.clear();
    rows = 0;
  }

  /** The table twice as large, each row moved to its place in it. */
  private static long[] grow(long[] old, int slot) {
    long[] slots = new long[old.length * 2];
    int mask = slots.length / slot - 1;
    for (int from = 0; from < old.length; from += slot) {
      if (old[from] != 0) {
        int index = hash(old[from]) & mask;
        while (slots[index * slot] != 0) {
          index = (index + 1) & mask;
        }
        System.arraycopy(old, from, slots, index * slot, slot);
      }
    }
    return slots;
  }

  private static int hash(long key) {
    return (int) ((key * 0x9E3779B97F4A7C15L) >>> 40);
  }
}
