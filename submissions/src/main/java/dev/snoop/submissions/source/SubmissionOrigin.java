package dev.snoop.submissions.source;

import java.util.Objects;
import java.util.Optional;

/**
 * Where a submission was read from, for the record.
 *
 * @param source {@code directory}, {@code git} or {@code github}
 * @param repo {@code owner/name} on GitHub, or the local clone or folder
 * @param prNumber the pull request, when there is one
 * @param headSha the commit verified, when there is one
 */
public record SubmissionOrigin(
    String source, String repo, Optional<Integer> prNumber, Optional<String> headSha) {
  public SubmissionOrigin {
    Objects.requireNonNull(source, "source");
    Objects.requireNonNull(repo, "repo");
    Objects.requireNonNull(prNumber, "prNumber");
    Objects.requireNonNull(headSha, "headSha");
  }

  public static SubmissionOrigin directory(String folder) {
    return new SubmissionOrigin("directory", folder, Optional.empty(), Optional.empty());
  }

  public static SubmissionOrigin git(String repo, String headSha) {
    return new SubmissionOrigin("git", repo, Optional.empty(), Optional.of(headSha));
  }

  /** A pull request on GitHub, as the bot reads it. */
  public static SubmissionOrigin github(String ownerAndName, int prNumber, String headSha) {
    return new SubmissionOrigin(
        "github", ownerAndName, Optional.of(prNumber), Optional.of(headSha));
  }
}
