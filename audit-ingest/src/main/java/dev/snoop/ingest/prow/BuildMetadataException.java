package dev.snoop.ingest.prow;

import dev.snoop.db.input.InputException;

/**
 * A build's started.json, finished.json or version file is missing or broken; the message names the
 * file.
 */
public class BuildMetadataException extends InputException {
  BuildMetadataException(String message) {
    super(message);
  }

  BuildMetadataException(String message, Throwable cause) {
    super(message, cause);
  }
}
