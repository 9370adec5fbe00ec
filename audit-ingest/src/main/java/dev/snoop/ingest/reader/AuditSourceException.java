package dev.snoop.ingest.reader;

import dev.snoop.db.input.InputException;

/**
 * An audit source named by the user does not exist, holds no files, cannot be downloaded, or cannot
 * be read to its end (a gzip stream cut short or corrupt).
 */
public final class AuditSourceException extends InputException {
  public AuditSourceException(String message) {
    super(message);
  }

  public AuditSourceException(String message, Throwable cause) {
    super(message, cause);
  }
}
