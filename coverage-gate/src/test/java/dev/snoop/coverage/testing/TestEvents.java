package dev.snoop.coverage.testing;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.util.UUID;

/** Audit events the coverage tests write: one completed request to an operation of a spec. */
public final class TestEvents {
  private static final ObjectMapper JSON = new ObjectMapper();

  private TestEvents() {}

  /**
   * A Metadata-level ResponseComplete event requesting {@code pathTemplate} with each parameter set
   * to "x", by the HTTP {@code method} mapped to its verb.
   */
  public static ObjectNode event(String pathTemplate, String method, String agent, Instant time) {
    ObjectNode event = JSON.createObjectNode();
    event.put("kind", "Event").put("apiVersion", "audit.k8s.io/v1").put("level", "Metadata");
    event.put("auditID", UUID.randomUUID().toString()).put("stage", "ResponseComplete");
    event.put("requestURI", pathTemplate.replaceAll("\\{[^}]+}", "x"));
    event.put(
        "verb",
        switch (method) {
          case "GET" -> "get";
          case "POST" -> "create";
          case "PUT" -> "update";
          case "PATCH" -> "patch";
          case "DELETE" -> "delete";
          case "HEAD" -> "head";
          default -> "";
        });
    event.put("userAgent", agent);
    event.putObject("responseStatus").put("code", 200);
    event.put("requestReceivedTimestamp", time.toString());
    event.put("stageTimestamp", time.plusMillis(5).toString());
    return event;
  }
}
