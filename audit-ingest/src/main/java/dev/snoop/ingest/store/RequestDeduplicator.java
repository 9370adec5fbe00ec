package dev.snoop.ingest.store;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Counts each request once whatever stages the audit policy logs (RequestReceived, ResponseStarted,
 * ResponseComplete, Panic). A request's stages follow each other in the log, so only requests seen
 * at an early stage and not yet completed are remembered: memory stays bounded by the requests in
 * flight (capped, oldest forgotten first), not by the size of the log.
 */
public final class RequestDeduplicator {
  private final Map<String, Boolean> inFlight;

  public RequestDeduplicator(int maxInFlight) {
    this.inFlight =
        new LinkedHashMap<>(1024, 0.75f, false) {
          @Override
          protected boolean removeEldestEntry(Map.Entry<String, Boolean> eldest) {
            return size() > maxInFlight;
          }
        };
  }

  /** True when this event is the first one seen of its request. */
  public boolean isFirstOfRequest(String auditId, String stage) {
    if (auditId == null) {
      return true;
    }
    boolean finalStage = "ResponseComplete".equals(stage) || "Panic".equals(stage);
    if (finalStage) {
      return inFlight.remove(auditId) == null;
    }
    return inFlight.putIfAbsent(auditId, Boolean.TRUE) == null;
  }
}
