package dev.snoop.db.release;

import dev.snoop.db.input.InputException;

/** A release is not in the release catalogue, so nothing can be loaded or judged for it. */
public final class UnknownReleaseException extends InputException {
  UnknownReleaseException(String message) {
    super(message);
  }
}
