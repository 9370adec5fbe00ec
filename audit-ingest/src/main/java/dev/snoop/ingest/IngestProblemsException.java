package dev.snoop.ingest;

import dev.snoop.db.input.InputException;

/** More unreadable input than the run tolerates: the run stored nothing. */
public final class IngestProblemsException extends InputException {
  IngestProblemsException(String message) {
    super(message);
  }
}
