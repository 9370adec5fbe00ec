package dev.snoop.coverage.diff;

import dev.snoop.db.input.InvalidValueException;

/** A diff side names no stored run of its release. */
public final class NoSuchRunException extends InvalidValueException {
  public NoSuchRunException(String message) {
    super(message);
  }
}
