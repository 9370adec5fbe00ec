package dev.snoop.ingest;

import dev.snoop.db.input.InputException;

/**
 * A run read no audit event at all (an empty file, a binary one, JSON that is no audit log): it is
 * refused, with what was read instead, unless the request allows empty runs. Nothing was stored.
 */
public final class NoAuditEventsException extends InputException {
  NoAuditEventsException(String message) {
    super(message);
  }
}
