package dev.snoop.db.spec;

import java.util.Optional;
import java.util.regex.Pattern;

/** The API version a path is under, and the stability level a version name stands for. */
public final class PathVersion {
  private static final Pattern VERSION = Pattern.compile("v\\d+((alpha|beta)\\d*)?");

  private PathVersion() {}

  /**
   * The version segment of a path: {@code /api/v1/..} gives v1, {@code /apis/apps/v1/..} gives v1,
   * {@code /openid/v1/jwks/} gives v1; discovery and non-resource paths such as {@code
   * /apis/apps/}, {@code /api/}, {@code /version/} and {@code /logs/} have none.
   */
  public static Optional<String> of(String path) {
    String[] segments = path.replaceAll("^/+|/+$", "").split("/");
    if (segments[0].equals("api")) {
      return segments.length > 1 ? Optional.of(segments[1]) : Optional.empty();
    }
    if (segments[0].equals("apis")) {
      return segments.length > 2 ? Optional.of(segments[2]) : Optional.empty();
    }
    for (String segment : segments) {
      if (VERSION.matcher(segment).matches()) {
        return Optional.of(segment);
      }
    }
    return Optional.empty();
  }

  /** alpha, beta or stable for a version name such as v1alpha3, v2beta1 or v1. */
  public static String levelOf(String version) {
    if (version.matches("v\\d+alpha\\d*")) {
      return "alpha";
    }
    if (version.matches("v\\d+beta\\d*")) {
      return "beta";
    }
    return "stable";
  }

  /** The group of an {@code /apis/<group>/} discovery path, if the path is one. */
  static Optional<String> discoveredGroup(String path) {
    String[] segments = path.replaceAll("^/+|/+$", "").split("/");
    return segments.length == 2 && segments[0].equals("apis")
        ? Optional.of(segments[1])
        : Optional.empty();
  }

  /** The group of an {@code /apis/<group>/<version>/...} path, if the path is one. */
  static Optional<String> groupOf(String path) {
    String[] segments = path.replaceAll("^/+|/+$", "").split("/");
    return segments.length > 2 && segments[0].equals("apis")
        ? Optional.of(segments[1])
        : Optional.empty();
  }
}
