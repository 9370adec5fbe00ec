package dev.snoop.ci.run;

import java.util.List;
import java.util.Optional;

/**
 * What a run tests (Prow's {@code refs}): a repository's branch at a commit and, for a presubmit,
 * the pull request on top of it.
 */
public record Refs(
    String org, String repo, String baseRef, Optional<String> baseSha, List<Pull> pulls) {

  public Refs {
    pulls = List.copyOf(pulls);
  }

  /** One pull request of a presubmit ({@code refs.pulls[]}). */
  public record Pull(int number, String author, String sha, Optional<String> title) {}

  /** {@code org/repo}. */
  public String fullName() {
    return org + "/" + repo;
  }

  /** The pull request, for a presubmit. */
  public Optional<Pull> pull() {
    return pulls.stream().findFirst();
  }

  /** Prow's {@code PULL_REFS}: {@code main:<base sha>,123:<head sha>}. */
  public String pullRefs() {
    StringBuilder refs = new StringBuilder(baseRef);
    baseSha.ifPresent(sha -> refs.append(':').append(sha));
    for (Pull pull : pulls) {
      refs.append(',').append(pull.number()).append(':').append(pull.sha());
    }
    return refs.toString();
  }
}
