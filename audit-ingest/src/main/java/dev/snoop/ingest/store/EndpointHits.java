package dev.snoop.ingest.store;

import dev.snoop.ingest.attribution.TestAttribution;
import java.util.Collection;
import java.util.HashMap;
import java.util.Map;

/** The per-run aggregate: requests per (operation, userAgent), with first and last time seen. */
public final class EndpointHits {
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

  private record Key(String endpoint, String userAgent) {}

  private final Map<Key, Hit> hits = new HashMap<>();

  public void add(
      String endpoint, String userAgent, TestAttribution attribution, long receivedMicros) {
    String agent = userAgent == null ? "" : userAgent;
    Hit hit =
        hits.computeIfAbsent(new Key(endpoint, agent), k -> new Hit(endpoint, agent, attribution));
    hit.hits++;
    if (receivedMicros != Long.MIN_VALUE) {
      hit.firstMicros = Math.min(hit.firstMicros, receivedMicros);
      hit.lastMicros = Math.max(hit.lastMicros, receivedMicros);
    }
  }

  Collection<Hit> rows() {
    return hits.values();
  }
}
