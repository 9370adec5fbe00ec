package dev.snoop.ingest.reader;

/**
 * How an {@link AuditLogReader} reads.
 *
 * @param keepRaw fill {@link AuditEvent#raw()} with each event's JSON bytes
 * @param maxEventBytes the largest event read; a larger one is reported and skipped, and no more
 *     than about this much of one event is held in memory
 */
public record ReaderOptions(boolean keepRaw, int maxEventBytes) {
  public static final int DEFAULT_MAX_EVENT_BYTES = 16 * 1024 * 1024;
  static final int MIN_MAX_EVENT_BYTES = 256;
  static final int MAX_MAX_EVENT_BYTES = 1024 * 1024 * 1024;

  public ReaderOptions {
    if (maxEventBytes < MIN_MAX_EVENT_BYTES || maxEventBytes > MAX_MAX_EVENT_BYTES) {
      throw new IllegalArgumentException(
          "maxEventBytes must be between "
              + MIN_MAX_EVENT_BYTES
              + " and "
              + MAX_MAX_EVENT_BYTES
              + ", not "
              + maxEventBytes);
    }
  }

  /** Events up to 16 MiB, without their raw bytes. */
  public static ReaderOptions defaults() {
    return new ReaderOptions(false, DEFAULT_MAX_EVENT_BYTES);
  }

  public ReaderOptions withKeepRaw(boolean keep) {
    return new ReaderOptions(keep, maxEventBytes);
  }

  public ReaderOptions withMaxEventBytes(int max) {
    return new ReaderOptions(keepRaw, max);
  }
}
