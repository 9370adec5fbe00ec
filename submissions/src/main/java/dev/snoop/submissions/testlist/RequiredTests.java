package dev.snoop.submissions.testlist;

import dev.snoop.db.conformance.ConformanceTest;
import dev.snoop.db.release.Release;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * The tests a submission of one release must pass: the codenames of its conformance.yaml whose
 * {@code release:} lists a release at or before it (the bot's rule, {@link
 * ConformanceTest#isRequiredFor}). For v1.33 that is 417 of the 419 listed.
 *
 * @param source where the list came from, for messages
 * @param listed how many tests the list has
 */
public record RequiredTests(Release release, String source, int listed, Set<String> codenames) {
  public RequiredTests {
    codenames = Set.copyOf(codenames);
  }

  public static RequiredTests of(Release release, String source, List<ConformanceTest> tests) {
    Set<String> required = new LinkedHashSet<>();
    for (ConformanceTest test : tests) {
      if (test.isRequiredFor(release)) {
        required.add(test.codename());
      }
    }
    return new RequiredTests(release, source, tests.size(), required);
  }

  public int count() {
    return codenames.size();
  }
}
