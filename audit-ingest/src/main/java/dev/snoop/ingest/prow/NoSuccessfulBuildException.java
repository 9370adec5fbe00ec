package dev.snoop.ingest.prow;

import dev.snoop.db.input.InputException;

/**
 * No build of a job in the searched window succeeded; the message names the job, the bucket, and
 * the results seen.
 */
public class NoSuccessfulBuildException extends InputException {
  NoSuccessfulBuildException(String message) {
    super(message);
  }
}
