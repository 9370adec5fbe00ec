package dev.snoop.submissions.testlist;

import dev.snoop.db.conformance.ConformanceListParser;
import dev.snoop.db.conformance.ConformanceTest;
import dev.snoop.db.input.Input;
import dev.snoop.db.input.InputReader;
import dev.snoop.db.release.Release;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * kubernetes' {@code test/conformance/testdata/conformance.yaml} on the release branch, through the
 * input cache (fetched again after an hour, since a branch moves). A body that is not a conformance
 * list (an HTML page, a 429) is rejected by the parser and dropped from the cache.
 */
public final class UpstreamTestLists implements TestLists {
  private static final Duration BRANCH_MAX_AGE = Duration.ofHours(1);

  private final InputReader reader;
  private final Map<Release, List<ConformanceTest>> parsed = new ConcurrentHashMap<>();

  public UpstreamTestLists(InputReader reader) {
    this.reader = reader;
  }

  public static Input upstream(Release release) {
    return Input.url(
        "https://raw.githubusercontent.com/kubernetes/kubernetes/"
            + release.branch()
            + "/test/conformance/testdata/conformance.yaml",
        BRANCH_MAX_AGE);
  }

  @Override
  public Optional<RequiredTests> find(Release release) {
    Input input = upstream(release);
    List<ConformanceTest> tests =
        parsed.computeIfAbsent(
            release, r -> reader.read(input, ConformanceListParser::parse).value());
    return Optional.of(RequiredTests.of(release, input.source(), tests));
  }
}
