package dev.snoop.submissions;

import dev.snoop.submissions.source.SubmissionOrigin;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * What a verification found and what to tell the pull request.
 *
 * @param release the submission's release, {@code vX.Y}, when one was found
 * @param product the product folder name, when one was found
 * @param checks the official bot's 15 checks in its order, then ours; empty when the submission
 *     could not be processed
 * @param labels the labels to set, in the bot's vocabulary and order; a failure of any check (ours
 *     included) gives {@code not-verifiable}
 * @param comment the comment, in the bot's format, covering every check (warnings listed after the
 *     failures)
 * @param botLabels the labels the official bot would set (its checks only)
 * @param botComment the comment the official bot would post, word for word
 */
public record Verification(
    String title,
    Optional<String> release,
    Optional<String> product,
    Verdict verdict,
    List<Check> checks,
    List<String> labels,
    String comment,
    List<String> botLabels,
    String botComment,
    SubmissionOrigin origin,
    Instant verifiedAt) {
  public Verification {
    checks = List.copyOf(checks);
    labels = List.copyOf(labels);
    botLabels = List.copyOf(botLabels);
  }

  /** The commit status state the bot sets: success, failure, or pending. */
  public String state() {
    return switch (verdict) {
      case PASS -> "success";
      case FAIL -> "failure";
      case CANNOT_PROCESS -> "pending";
    };
  }

  /**
   * The commit status description for {@link #state()}; the official bot says "Internal error" when
   * a PR cannot be processed, which sends vendors looking for a fault of the bot.
   */
  public String stateDescription() {
    return switch (verdict) {
      case PASS -> "All checks are passing";
      case FAIL -> "Please check failing requirements and update accordingly";
      case CANNOT_PROCESS -> "Cannot be processed: see the comment";
    };
  }

  /** The check with this id. */
  public Optional<Check> check(String id) {
    return checks.stream().filter(c -> c.id().equals(id)).findFirst();
  }
}
