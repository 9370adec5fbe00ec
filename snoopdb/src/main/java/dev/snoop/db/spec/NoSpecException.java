package dev.snoop.db.spec;

import dev.snoop.db.input.InputException;
import dev.snoop.db.release.Release;

/** Something needs a release's spec, and none is loaded for it. */
public final class NoSpecException extends InputException {
  private final Release release;

  public NoSpecException(Release release) {
    super("no spec is loaded for release " + release);
    this.release = release;
  }

  /** The release whose spec is missing. */
  public Release release() {
    return release;
  }
}
