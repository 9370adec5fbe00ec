package dev.snoop.ingest.prow;

import dev.snoop.db.input.InputException;

/**
 * The build asked for is still running or did not succeed, and unsuccessful builds were not
 * allowed.
 */
public class BuildNotSuccessfulException extends InputException {
  BuildNotSuccessfulException(String message) {
    super(message);
  }
}
