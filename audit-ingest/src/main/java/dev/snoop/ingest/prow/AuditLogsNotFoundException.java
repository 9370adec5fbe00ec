package dev.snoop.ingest.prow;

import dev.snoop.db.input.InputException;

/**
 * A build has no audit logs where its job's layout (or, for an unknown job, any layout) keeps them.
 */
public class AuditLogsNotFoundException extends InputException {
  AuditLogsNotFoundException(String message) {
    super(message);
  }
}
