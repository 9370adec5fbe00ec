package dev.snoop.coverage.endpoint;

import dev.snoop.db.input.InvalidValueException;
import java.util.Optional;
import java.util.Set;

/**
 * Which endpoints of a release to list; an empty part does not filter.
 *
 * @param level alpha, beta or stable
 * @param category the category (first tag of the spec), as written there
 * @param tested hit by an e2e test or not
 * @param conformance hit by a conformance test or not
 * @param eligible eligible for conformance or not
 */
public record EndpointFilter(
    Optional<String> level,
    Optional<String> category,
    Optional<Boolean> tested,
    Optional<Boolean> conformance,
    Optional<Boolean> eligible) {
  /** The levels open_api allows. */
  public static final Set<String> LEVELS = Set.of("alpha", "beta", "stable");

  public static final EndpointFilter ALL =
      new EndpointFilter(
          Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty());

  public EndpointFilter {
    if (level.isPresent() && !LEVELS.contains(level.get())) {
      throw new InvalidValueException(
          "level must be alpha, beta or stable, not \"" + level.get() + "\"");
    }
  }
}
