package dev.snoop.ingest.reader;

/**
 * The fields of an audit event that ingest uses.
 *
 * @param code responseStatus.code, or -1 when the event has none
 * @param receivedMicros requestReceivedTimestamp in microseconds since the epoch, or Long.MIN_VALUE
 * @param stageMicros stageTimestamp in microseconds since the epoch, or Long.MIN_VALUE
 * @param raw the event's JSON as read, only when the reader keeps it; else null
 */
public record AuditEvent(
    String auditId,
    String stage,
    String verb,
    String requestUri,
    String userAgent,
    int code,
    long receivedMicros,
    long stageMicros,
    byte[] raw) {}
