package dev.snoop.web.api;

import dev.snoop.coverage.CoverageReleases;
import dev.snoop.db.input.InvalidValueException;
import dev.snoop.db.release.Release;
import dev.snoop.db.spec.NoSpecException;
import dev.snoop.web.HttpProblem;
import io.javalin.http.Context;
import java.util.Optional;
import java.util.Set;

/** The API's parameters read from a request: a bad one is a 400 naming it, never a 500. */
public final class Params {
  private Params() {}

  /**
   * The release of the path parameter {@code release}, or of the query parameter of that name when
   * the path has none (then absent means {@code latest}).
   *
   * @throws HttpProblem 400 when it is no release, 404 when no spec is loaded for it
   */
  static Release release(Context ctx, CoverageReleases releases) {
    String text =
        ctx.pathParamMap().containsKey("release")
            ? ctx.pathParam("release")
            : Optional.ofNullable(ctx.queryParam("release")).orElse(CoverageReleases.LATEST);
    return release("release", text, releases);
  }

  /**
   * The release a parameter names.
   *
   * @throws HttpProblem 400 when it is no release, 404 when no spec is loaded for it
   */
  static Release release(String name, String text, CoverageReleases releases) {
    try {
      return releases.resolve(text);
    } catch (InvalidValueException e) {
      throw HttpProblem.badParameter(name, e.getMessage());
    } catch (NoSpecException e) {
      throw HttpProblem.notFound(e.getMessage());
    }
  }

  /** A query parameter that is {@code true} or {@code false}; empty when not given. */
  static Optional<Boolean> bool(Context ctx, String name) {
    return text(ctx, name)
        .map(
            value ->
                switch (value) {
                  case "true" -> true;
                  case "false" -> false;
                  default ->
                      throw HttpProblem.badParameter(
                          name, "expected true or false, not \"" + value + "\"");
                });
  }

  /** A query parameter that must be one of {@code allowed}; empty when not given. */
  static Optional<String> oneOf(Context ctx, String name, Set<String> allowed) {
    Optional<String> value = text(ctx, name);
    if (value.isPresent() && !allowed.contains(value.get())) {
      throw HttpProblem.badParameter(
          name,
          "expected one of "
              + String.join(", ", allowed.stream().sorted().toList())
              + ", not \""
              + value.get()
              + "\"");
    }
    return value;
  }

  /** A query parameter with an integer from {@code min} to {@code max}. */
  public static int integer(Context ctx, String name, int fallback, int min, int max) {
    Optional<String> value = text(ctx, name);
    if (value.isEmpty()) {
      return fallback;
    }
    try {
      int n = Integer.parseInt(value.get());
      if (n >= min && n <= max) {
        return n;
      }
    } catch (NumberFormatException e) {
      // reported below
    }
    throw HttpProblem.badParameter(
        name, "expected a number from " + min + " to " + max + ", not \"" + value.get() + "\"");
  }

  /** A query parameter given with a value; an empty value counts as not given. */
  static Optional<String> text(Context ctx, String name) {
    return Optional.ofNullable(ctx.queryParam(name)).filter(v -> !v.isEmpty());
  }

  /** A query parameter that must be given. */
  static String required(Context ctx, String name) {
    return text(ctx, name)
        .filter(v -> !v.isBlank())
        .orElseThrow(() -> HttpProblem.badParameter(name, "required"));
  }
}
