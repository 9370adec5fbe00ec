package dev.snoop.submissions.testlist;

import dev.snoop.db.release.Release;
import java.util.List;
import java.util.Optional;

/**
 * Where the conformance list of a release comes from. Implementations: {@link DatabaseTestLists},
 * {@link FileTestLists}, {@link UpstreamTestLists}; {@link #firstOf} tries several in order.
 */
public interface TestLists {
  /**
   * The required tests of a release (MAJOR.MINOR, patch 0); empty when this source has no list for
   * it.
   *
   * @throws dev.snoop.db.input.InputException when the list exists but is not a valid
   *     conformance.yaml (an HTML page, a 429 body, a malformed {@code release:})
   */
  Optional<RequiredTests> find(Release release);

  /** Each source in turn until one has the release's list. */
  static TestLists firstOf(List<TestLists> sources) {
    List<TestLists> copy = List.copyOf(sources);
    return release -> {
      for (TestLists source : copy) {
        Optional<RequiredTests> found = source.find(release);
        if (found.isPresent()) {
          return found;
        }
      }
      return Optional.empty();
    };
  }
}
