package dev.snoop.ingest.store;

import dev.snoop.ingest.attribution.TestAttribution;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The per-run aggregate in memory: requests per (operation, userAgent), with first and last time
 * seen. It holds at most {@code maxRows} rows: when {@link #full()}, the run spills them to disk
 * and clears it ({@link IngestRun#spill}), so memory stays bounded whatever the log.
 */
public final class EndpointHits {
  /**
   * About 60 MB of rows; a conformance run has 20,000, a run of e2e tests over every endpoint of a
   * release at most about 500,000.
   */
  public static final int MAX_ROWS = 500_000;

  /** One aggregate row. */
  public static final class Hit {
    final String endpoint;
    final String userAgent;
    final TestAttribution attribution;
    long hits;
    long firstMicros = Long.MAX_VALUE;
    long lastMicros = Long.MIN_VALUE;

    Hit(String endpoint, String userAgent, TestAttribution attribution) {
      this.endpoint = endpoint;
      this.userAgent = userAgent;
      this.attribution = attribution;
    }
  }

  /** An agent's rows, and the one String of the agent they share. */
  private static final class AgentRows {
    final String userAgent;
    final Map<String, Hit> byEndpoint = new HashMap<>();

    AgentRows(String userAgent) {
      this.userAgent = userAgent;
    }
  }

  private final int maxRows;

  /**
   * Rows by userAgent, then by operation: agents are few and each event brings its own copy of the
   * agent's text, which the first map turns into one shared String; operationIds are the matcher's
   * own Strings, so the second lookup hashes nothing. Bigger single maps keyed by both cost a cache
   * miss per request once the aggregate grows.
   */
  private final Map<String, AgentRows> byAgent = new HashMap<>();

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

  public void add(
      String endpoint, String userAgent, TestAttribution attribution, long receivedMicros) {
    String agent = userAgent == null ? "" : userAgent;
    AgentRows ofAgent = byAgent.get(agent);
    if (ofAgent == null) {
      ofAgent = new AgentRows(agent);
      byAgent.put(agent, ofAgent);
    }
    Hit hit = ofAgent.byEndpoint.get(endpoint);
    if (hit == null) {
      hit = new Hit(endpoint, ofAgent.userAgent, attribution);
      ofAgent.byEndpoint.put(endpoint, hit);
      rows++;
    }
    hit.hits++;
    if (receivedMicros != Long.MIN_VALUE) {
      hit.firstMicros = Math.min(hit.firstMicros, receivedMicros);
      hit.lastMicros = Math.max(hit.lastMicros, receivedMicros);
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
   * Every row, in operationId order: a table filled in the order of its index then has its index
   * built from input already sorted, which PostgreSQL's sort only checks.
   */
  List<Hit> rows() {
    Map<String, List<Hit>> byEndpoint = new HashMap<>();
    for (AgentRows agent : byAgent.values()) {
      for (Hit hit : agent.byEndpoint.values()) {
        byEndpoint.computeIfAbsent(hit.endpoint, e -> new ArrayList<>()).add(hit);
      }
    }
    List<String> endpoints = new ArrayList<>(byEndpoint.keySet());
    Collections.sort(endpoints); // operationIds are ASCII: String order is byte order, as "C"
    List<Hit> all = new ArrayList<>(rows);
    endpoints.forEach(e -> all.addAll(byEndpoint.get(e)));
    return all;
  }

  void clear() {
    byAgent.clear();
    rows = 0;
  }
}
