package dev.snoop.ingest.prow;

import dev.snoop.db.input.InputException;

/**
 * The bucket could not be read: an HTTP error (the message names the URL and the status), a network
 * failure, or a listing that is not what GCS returns.
 */
public class BucketReadException extends InputException {
  BucketReadException(String message) {
    super(message);
  }

  BucketReadException(String message, Throwable cause) {
    super(message, cause);
  }
}
