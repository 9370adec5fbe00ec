package dev.snoop.db.release;

import dev.snoop.db.input.InputException;

/** No release was given, and the release catalogue names no working release to take instead. */
public final class NoWorkingReleaseException extends InputException {
  public NoWorkingReleaseException() {
    super("no release given, and the release catalogue names no working release");
  }
}
