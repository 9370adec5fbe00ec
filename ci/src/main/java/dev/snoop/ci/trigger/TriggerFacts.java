package dev.snoop.ci.trigger;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * What the trigger rules need beyond the event, which Prow asks GitHub for: the PR's changed files,
 * the statuses of its head commit (for {@code /retest}), who is trusted, the bot's own login, and
 * the PR's base branch for a comment (its payload does not say).
 *
 * @param changedFiles the PR's changed files; empty when unknown (change filters then see none)
 * @param statuses state (success, pending, failure, error) by context on the PR's head commit
 * @param trustedUsers org members and collaborators: their PRs and comments start jobs
 * @param baseBranch for a comment, the PR's base branch; else the repository's default branch
 */
public record TriggerFacts(
    Optional<List<String>> changedFiles,
    Map<String, String> statuses,
    Set<String> trustedUsers,
    Optional<String> botLogin,
    Optional<String> baseBranch) {
  public TriggerFacts {
    changedFiles = changedFiles.map(List::copyOf);
    statuses = Map.copyOf(statuses);
    trustedUsers = Set.copyOf(trustedUsers);
  }

  /** Whether {@code login} is trusted: the bot itself or a listed user. */
  boolean trusts(String login) {
    return trustedUsers.contains(login) || botLogin.map(login::equals).orElse(false);
  }
}
