package dev.snoop.ingest.store;

import dev.snoop.ingest.attribution.TestAttribution;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Consumer;

/**
 * Counts each request once whatever stages the audit policy logs (RequestReceived, ResponseStarted,
 * ResponseComplete, Panic), and finds its response's status code: that of its last stage that has
 * one. A request's stages follow each other in the log, so only requests seen at an early stage and
 * not yet completed are remembered: memory stays bounded by the requests in flight (capped, oldest
 * forgotten first), not by the size of the log. A request forgotten, or never completed in the log,
 * ends with the code of the last stage seen.
 */
public final class RequestDeduplicator {
  /**
   * A request seen at an early stage: what its outcome is counted against, and the last status code
   * seen (-1 while none).
   */
  public static final class InFlight {
    private final String endpoint;
    private final String userAgent;
    private final TestAttribution attribution;
    private int code;

    InFlight(String endpoint, String userAgent, TestAttribution attribution, int code) {
      this.endpoint = endpoint;
      this.userAgent = userAgent;
      this.attribution = attribution;
      this.code = code;
    }

    /** The operation matched, or null when the request matched none. */
    public String endpoint() {
      return endpoint;
    }

    public String userAgent() {
      return userAgent;
    }

    public TestAttribution attribution() {
      return attribution;
    }

    /** The last status code seen, or -1. */
    public int code() {
      return code;
    }
  }

  /** What one event is to its request. */
  public enum Seen {
    /** The first event of a request whose final stage it is (or that has no auditID). */
    NEW_AND_COMPLETE,
    /** The first event of a request seen at an early stage: its final stage is still to come. */
    NEW_IN_FLIGHT,
    /** A later event of a request counted already. */
    LATER
  }

  private final Map<String, InFlight> inFlight;
  private final Consumer<InFlight> ended;

  /**
   * @param ended told of each request whose last event has been seen, with the last code seen: when
   *     its final stage arrives, when it is forgotten, and at {@link #endAll}
   */
  public RequestDeduplicator(int maxInFlight, Consumer<InFlight> ended) {
    this.ended = ended;
    this.inFlight =
        new LinkedHashMap<>(1024, 0.75f, false) {
          @Override
          protected boolean removeEldestEntry(Map.Entry<String, InFlight> eldest) {
            if (size() > maxInFlight) {
              ended.accept(eldest.getValue());
              return true;
            }
            return false;
          }
        };
  }

  /** Whether the event is its request's first, and whether the request is complete with it. */
  public Seen see(String auditId, String stage, int code) {
    if (auditId == null) {
      return Seen.NEW_AND_COMPLETE;
    }
    boolean finalStage = "ResponseComplete".equals(stage) || "Panic".equals(stage);
    if (finalStage) {
      InFlight request = inFlight.remove(auditId);
      if (request == null) {
        return Seen.NEW_AND_COMPLETE;
      }
      end(request, code);
      return Seen.LATER;
    }
    InFlight request = inFlight.get(auditId);
    if (request == null) {
      return Seen.NEW_IN_FLIGHT;
    }
    if (code >= 100) {
      request.code = code;
    }
    return Seen.LATER;
  }

  /**
   * Remembers the request of an event {@link #see} called {@link Seen#NEW_IN_FLIGHT}, with what its
   * outcome counts against.
   */
  public void start(
      String auditId, String endpoint, String userAgent, TestAttribution attribution, int code) {
    inFlight.put(auditId, new InFlight(endpoint, userAgent, attribution, code));
  }

  /** Ends every request still in flight: the log ended before their final stage. */
  public void endAll() {
    for (InFlight request : inFlight.values()) {
      ended.accept(request);
    }
    inFlight.clear();
  }

  private void end(InFlight request, int code) {
    if (code >= 100) {
      request.code = code;
    }
    ended.accept(request);
  }
}
