package dev.snoop.submissions.bot;

import dev.snoop.submissions.Verification;
import java.util.Optional;

/**
 * What the bot did with one pull request.
 *
 * @param result what happened
 * @param headSha the head commit looked at, when the PR could be read
 * @param verification the verification, when one ran
 * @param actions the writes the verification calls for (done when {@code applied})
 * @param applied whether the actions were written to GitHub ({@code --apply})
 * @param detail why it was skipped, or what failed
 */
public record Outcome(
    String repo,
    int number,
    Result result,
    Optional<String> headSha,
    Optional<Verification> verification,
    Optional<Actions> actions,
    boolean applied,
    String detail) {
  public enum Result {
    /** Verified; the actions bring the PR in line (written, or printed in a dry run). */
    VERIFIED,
    /** Not verified again: nothing changed since the last successful verification, or closed. */
    SKIPPED,
    /** A system problem (GitHub, the conformance list): nothing told to the PR, retried later. */
    FAILED
  }

  static Outcome skipped(String repo, int number, String headSha, String why) {
    return new Outcome(
        repo,
        number,
        Result.SKIPPED,
        Optional.of(headSha),
        Optional.empty(),
        Optional.empty(),
        false,
        why);
  }

  static Outcome failed(String repo, int number, Optional<String> headSha, String why) {
    return new Outcome(
        repo, number, Result.FAILED, headSha, Optional.empty(), Optional.empty(), false, why);
  }
}
