package dev.snoop.bench.ingest;

import java.util.Collections;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What a generated log holds.
 *
 * @param requests distinct requests (auditIDs)
 * @param requestsAtEveryStage requests logged at RequestReceived as well as ResponseComplete
 * @param eventsByStage by audit stage: RequestReceived, ResponseStarted, ResponseComplete
 * @param eventsByLevel by audit level: Metadata, RequestResponse
 * @param bytesByLevel the bytes of the events of each level, newlines included
 * @param nanos how long generating and writing took
 */
public record AuditLogStats(
    long events,
    long bytes,
    long requests,
    long requestsAtEveryStage,
    Map<Traffic, Long> eventsByTraffic,
    Map<Traffic, Long> requestsByTraffic,
    Map<String, Long> eventsByStage,
    Map<String, Long> eventsByLevel,
    Map<String, Long> bytesByLevel,
    long nanos) {
  public AuditLogStats {
    if (events < 0 || bytes < 0 || requests < 0 || requestsAtEveryStage < 0 || nanos < 0) {
      throw new IllegalArgumentException("counts must not be negative");
    }
    eventsByTraffic = Collections.unmodifiableMap(new EnumMap<>(eventsByTraffic));
    requestsByTraffic = Collections.unmodifiableMap(new EnumMap<>(requestsByTraffic));
    eventsByStage = Collections.unmodifiableMap(new LinkedHashMap<>(eventsByStage));
    eventsByLevel = Collections.unmodifiableMap(new LinkedHashMap<>(eventsByLevel));
    bytesByLevel = Collections.unmodifiableMap(new LinkedHashMap<>(bytesByLevel));
  }

  /** The mean size of the events of a level (Metadata, RequestResponse), or 0 when none. */
  public double averageBytes(String level) {
    long n = eventsByLevel.getOrDefault(level, 0L);
    return n == 0 ? 0 : bytesByLevel.getOrDefault(level, 0L) / (double) n;
  }

  public double eventsPerSecond() {
    return nanos == 0 ? 0 : events * 1e9 / nanos;
  }

  /** The share of the events that a traffic made, 0 to 1. */
  public double share(Traffic traffic) {
    return events == 0 ? 0 : eventsByTraffic.getOrDefault(traffic, 0L) / (double) events;
  }

  /** A summary for the bench command. */
  public String describe() {
    StringBuilder out = new StringBuilder();
    out.append(
        String.format(
            "generated %,d events (%,d requests, %,d at every stage), %,.1f MB in %.2f s:"
                + " %,.0f events/s%n  Metadata %,d events, %.0f bytes each;"
                + " RequestResponse %,d events, %.0f bytes each%n",
            events,
            requests,
            requestsAtEveryStage,
            bytes / 1e6,
            nanos / 1e9,
            eventsPerSecond(),
            eventsByLevel.getOrDefault("Metadata", 0L),
            averageBytes("Metadata"),
            eventsByLevel.getOrDefault("RequestResponse", 0L),
            averageBytes("RequestResponse")));
    out.append("  stages ").append(eventsByStage).append('\n');
    eventsByTraffic.forEach(
        (traffic, n) ->
            out.append(
                String.format(
                    "  %-18s %,12d events %5.1f%%%n",
                    traffic.name().toLowerCase(), n, share(traffic) * 100)));
    return out.toString();
  }
}
