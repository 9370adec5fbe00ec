package dev.snoop.ingest.reader;

/**
 * The fields of one audit.k8s.io Event that ingest needs. Strings the event does not have are null.
 *
 * @param code responseStatus.code, or -1 when the event has none
 * @param receivedMicros requestReceivedTimestamp in microseconds since the epoch (for events older
 *     than Kubernetes 1.8, their {@code timestamp}), or {@link #NO_TIME}
 * @param stageMicros stageTimestamp in microseconds since the epoch, or {@link #NO_TIME}
 * @param raw the event's exact JSON bytes when the reader keeps them ({@link
 *     ReaderOptions#keepRaw()}), else null; not copied, so not to be changed
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
    byte[] raw) {
  /** The value of a timestamp the event does not have. */
  public static final long NO_TIME = Long.MIN_VALUE;

  /** No responseStatus.code. */
  public static final int NO_CODE = -1;
}
