package dev.snoop.ingest.store;

/**
 * One request as written to audit_event; the run's constants (release, source, run id) are added by
 * the writer.
 *
 * @param error why the request maps to no operation, when endpoint is null
 * @param raw the event JSON, or null to store {}
 */
public record AuditRow(
    String auditId,
    String endpoint,
    String userAgent,
    String test,
    boolean testHit,
    String error,
    boolean confTestHit,
    byte[] raw) {}
