package dev.snoop.bench.ingest;

import dev.snoop.bench.ingest.Request.Stage;
import java.io.IOException;
import java.io.OutputStream;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.PriorityQueue;
import java.util.SplittableRandom;

/**
 * One generated log: picks who sends each request, logs half of the requests at every stage (the
 * later stages of a request follow a few events later, a watch's completion thousands of events
 * later) and the rest at ResponseComplete only, and streams the events out through one reused
 * buffer.
 */
final class LogRun {
  private static final long START_MICROS =
      ChronoUnit.MICROS.between(Instant.EPOCH, Instant.parse("2025-09-01T12:00:00Z"));

  /** Mean time between events: 1.5 ms, a busy e2e run. */
  private static final int GAP_MICROS = 3_000;

  private static final int FLUSH_AT = 1 << 17;
  private static final int REQUEST_RESPONSE_PER_MILLE = 65;

  private final Shape shape;
  private final SplittableRandom random;
  private final OutputStream out;
  private final E2eTraffic e2e;
  private final ComponentTraffic components;
  private final OtherTraffic other;
  private final PriorityQueue<Request> pending =
      new PriorityQueue<>(
          Comparator.comparingLong((Request r) -> r.due).thenComparingLong(r -> r.sequence));
  private final JsonBuffer buffer = new JsonBuffer(FLUSH_AT + (1 << 16));

  private long now = START_MICROS;
  private long emitted;
  private long pendingEvents;
  private int heldOpen;

  private long bytes;
  private long requests;
  private long everyStage;
  private final long[] eventsByTraffic = new long[Traffic.values().length];
  private final long[] requestsByTraffic = new long[Traffic.values().length];
  private final long[] eventsByStage = new long[Stage.values().length];
  private final long[] eventsByLevel = new long[2];
  private final long[] bytesByLevel = new long[2];

  LogRun(
      Catalog catalog,
      List<String> conformance,
      String version,
      Shape shape,
      long seed,
      OutputStream out) {
    this.shape = shape;
    this.random = new SplittableRandom(seed);
    this.out = out;
    Cluster cluster = new Cluster(version);
    RequestMaker maker = new RequestMaker(cluster, random);
    this.e2e = new E2eTraffic(catalog, conformance, cluster, maker, shape, random);
    this.components = new ComponentTraffic(catalog, cluster, maker, random);
    this.other = new OtherTraffic(catalog, conformance, cluster, maker, e2e, random);
  }

  AuditLogStats run(long events) throws IOException {
    long started = System.nanoTime();
    while (emitted < events) {
      Request due = pending.peek();
      if (due != null && (due.due <= emitted || events - emitted <= pendingEvents)) {
        pending.poll();
        pendingEvents -= due.eventsLeft();
        emit(due);
        continue;
      }
      Request r = nextRequest();
      requests++;
      requestsByTraffic[r.traffic.ordinal()]++;
      long free = events - emitted - pendingEvents;
      if ((shape.everyStage || random.nextBoolean()) && free >= (r.longRunning ? 3 : 2)) {
        r.next = Stage.REQUEST_RECEIVED;
        everyStage++;
      }
      r.requestResponse = canLogBodies(r) && random.nextInt(1000) < REQUEST_RESPONSE_PER_MILLE;
      if (r.requestResponse) {
        r.bodySize = 1024 + random.nextInt(3 * 1024 + 1);
      }
      emit(r);
    }
    buffer.writeTo(out);
    buffer.clear();
    out.flush();
    return stats(System.nanoTime() - started);
  }

  /** Who sends the next request: e2e 55%, components 41%, the rest 4%. */
  private Request nextRequest() {
    int roll = random.nextInt(1000);
    Request r;
    if (roll < 550) {
      return e2e.next();
    } else if (roll < 750) {
      r = components.next(Traffic.CONTROLLER_MANAGER);
    } else if (roll < 800) {
      r = components.next(Traffic.KUBE_SCHEDULER);
    } else if (roll < 950) {
      r = components.next(Traffic.KUBELET);
    } else if (roll < 960) {
      r = components.next(Traffic.METRICS_SERVER);
    } else if (roll < 970) {
      r = other.kubectl();
    } else if (roll < 982) {
      r = other.healthProbe();
    } else if (roll < 992) {
      r = other.customResource();
    } else {
      r = other.aggregated();
    }
    return r != null ? r : e2e.next();
  }

  /** Bodies are logged for requests on resources, but not for watches, streams and proxies. */
  private static boolean canLogBodies(Request r) {
    return r.endpoint != null
        && r.resource != null
        && !r.longRunning
        && !r.verb.isEmpty()
        && !"connect".equals(r.endpoint.action);
  }

  private void emit(Request r) throws IOException {
    now += 1 + random.nextInt(GAP_MICROS);
    Stage stage = r.next;
    if (r.receivedMicros == 0) {
      r.receivedMicros = stage == Stage.REQUEST_RECEIVED ? now : now - latency(r);
    }
    int before = buffer.length();
    EventWriter.write(buffer, r, stage, stage == Stage.REQUEST_RECEIVED ? r.receivedMicros : now);
    int size = buffer.length() - before;
    emitted++;
    bytes += size;
    int level = r.requestResponse ? 1 : 0;
    eventsByLevel[level]++;
    bytesByLevel[level] += size;
    eventsByTraffic[r.traffic.ordinal()]++;
    eventsByStage[stage.ordinal()]++;
    switch (stage) {
      case REQUEST_RECEIVED -> {
        r.next = r.longRunning ? Stage.RESPONSE_STARTED : Stage.RESPONSE_COMPLETE;
        r.due =
            emitted + (r.longRunning ? random.nextInt(3) : random.nextInt(1 + random.nextInt(24)));
      }
      case RESPONSE_STARTED -> {
        r.next = Stage.RESPONSE_COMPLETE;
        r.due = emitted + openFor(r);
      }
      case RESPONSE_COMPLETE -> {
        r.next = null;
        if (r.heldOpen) {
          heldOpen--;
        }
      }
    }
    if (r.next != null) {
      pending.add(r);
      pendingEvents += r.eventsLeft();
    }
    if (buffer.length() >= FLUSH_AT) {
      buffer.writeTo(out);
      buffer.clear();
    }
  }

  /**
   * How many events a started stream stays open: a watch 2,000 to 62,000 (seconds to a minute and a
   * half of the log), as long as fewer than the shape's maximum are; exec and the like up to 2,000.
   */
  private long openFor(Request r) {
    if (r.endpoint != null && r.endpoint.upgrade) {
      return 20 + random.nextInt(2_000);
    }
    if (heldOpen < shape.maxHeldOpen) {
      heldOpen++;
      r.heldOpen = true;
      return 2_000 + random.nextInt(60_000);
    }
    return 20 + random.nextInt(500);
  }

  /** The time from request to response of a request logged at ResponseComplete only. */
  private long latency(Request r) {
    if (r.verb.equals("watch")) {
      return 60_000_000L + random.nextLong(540_000_000L);
    }
    if (r.endpoint != null && r.endpoint.upgrade) {
      return 100_000 + random.nextInt(4_900_000);
    }
    if (r.verb.equals("list") || r.verb.equals("deletecollection")) {
      return 2_000 + random.nextInt(78_000);
    }
    return 500 + random.nextInt(14_500);
  }

  private AuditLogStats stats(long nanos) {
    Map<Traffic, Long> byTraffic = new EnumMap<>(Traffic.class);
    Map<Traffic, Long> requestsBy = new EnumMap<>(Traffic.class);
    for (Traffic t : Traffic.values()) {
      byTraffic.put(t, eventsByTraffic[t.ordinal()]);
      requestsBy.put(t, requestsByTraffic[t.ordinal()]);
    }
    Map<String, Long> byStage = new LinkedHashMap<>();
    for (Stage s : Stage.values()) {
      byStage.put(s.text, eventsByStage[s.ordinal()]);
    }
    Map<String, Long> byLevel = new LinkedHashMap<>();
    Map<String, Long> levelBytes = new LinkedHashMap<>();
    byLevel.put("Metadata", eventsByLevel[0]);
    byLevel.put("RequestResponse", eventsByLevel[1]);
    levelBytes.put("Metadata", bytesByLevel[0]);
    levelBytes.put("RequestResponse", bytesByLevel[1]);
    return new AuditLogStats(
        emitted,
        bytes,
        requests,
        everyStage,
        byTraffic,
        requestsBy,
        byStage,
        byLevel,
        levelBytes,
        nanos);
  }
}
