package dev.snoop.db.spec;

import dev.snoop.db.input.InputException;
import dev.snoop.db.release.Release;

/** Something needs a release's spec, and none is loaded for it. */
public final class NoSpecException extends InputException {
  private final Release release;

  public NoSpecException(Release release) {
    this("no spec is loaded for release " + release, release);
  }

  private NoSpecException(String message, Release release) {
    super(message);
    this.release = release;
  }

  /** No spec is loaded for any release. */
  public static NoSpecException none() {
    return new NoSpecException("no spec is loaded for any release", null);
  }

  /** The release whose spec is missing; null when none is loaded at all. */
  public Release release() {
    return release;
  }
}
