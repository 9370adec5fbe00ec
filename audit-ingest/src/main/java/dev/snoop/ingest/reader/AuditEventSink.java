package dev.snoop.ingest.reader;

/** Receives what a reader finds, in input order. Called on the reading thread. */
public interface AuditEventSink {
  void event(AuditEvent event);

  /** Input that should have been an event and could not be read; reading goes on after it. */
  void problem(ReadProblem problem);

  /**
   * Well-formed JSON that is not a Kubernetes audit event (a GKE Cloud Audit record, a core/v1
   * Event, an object without auditID, verb and requestURI); the reason is a fixed text, fit for
   * counting.
   */
  void skipped(String reason);
}
