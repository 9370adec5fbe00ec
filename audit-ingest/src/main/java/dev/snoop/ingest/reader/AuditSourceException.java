package dev.snoop.ingest.reader;

import dev.snoop.db.input.InputException;

/** An audit source named by the user does not exist, holds no files, or cannot be downloaded. */
public final class AuditSourceException extends InputException {
  public AuditSourceException(String message) {
    super(message);
  }

  public AuditSourceException(String message, Throwable cause) {
    super(message, cause);
  }
}
