package dev.snoop.db.release;

import dev.snoop.db.input.InvalidValueException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** A Kubernetes release, MAJOR.MINOR.PATCH, ordered semantically. */
public record Release(int major, int minor, int patch) implements Comparable<Release> {
  private static final Pattern FORM =
      Pattern.compile("v?(0|[1-9]\\d{0,5})\\.(0|[1-9]\\d{0,5})(?:\\.(0|[1-9]\\d{0,5}))?");

  public Release {
    if (major < 0 || minor < 0 || patch < 0) {
      throw new IllegalArgumentException("release numbers must not be negative");
    }
  }

  /**
   * Parses {@code 1.34.0}, {@code v1.34.0}, {@code 1.34} or {@code v1.34} (a missing patch is 0).
   *
   * @throws InvalidValueException when the text is no release
   */
  public static Release parse(String text) {
    Matcher m = FORM.matcher(text == null ? "" : text.strip());
    if (!m.matches()) {
      throw new InvalidValueException(
          "\"" + text + "\" is not a release (expected MAJOR.MINOR[.PATCH], e.g. 1.34.0 or v1.34)");
    }
    return new Release(
        Integer.parseInt(m.group(1)),
        Integer.parseInt(m.group(2)),
        m.group(3) == null ? 0 : Integer.parseInt(m.group(3)));
  }

  /** The kubernetes/kubernetes tag of this release, e.g. {@code v1.34.0}. */
  public String tag() {
    return "v" + this;
  }

  /** The release branch, e.g. {@code release-1.34}. */
  public String branch() {
    return "release-" + major + "." + minor;
  }

  /** MAJOR.MINOR with a v, as conformance.yaml and submission folders write it: {@code v1.34}. */
  public String minorVersion() {
    return "v" + major + "." + minor;
  }

  @Override
  public int compareTo(Release other) {
    int c = Integer.compare(major, other.major);
    if (c == 0) {
      c = Integer.compare(minor, other.minor);
    }
    return c != 0 ? c : Integer.compare(patch, other.patch);
  }

  @Override
  public String toString() {
    return major + "." + minor + "." + patch;
  }
}
