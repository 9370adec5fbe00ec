package dev.snoop.ci.trigger;

import dev.snoop.ci.config.Job;
import java.util.List;
import java.util.Optional;

/**
 * What an event does: the jobs it starts and why, the jobs of the repository it does not start and
 * why not, whether it aborts the PR's running presubmits, and notes on the event as a whole
 * (untrusted author, draft, ...).
 *
 * @param abortsPullRequest the PR whose incomplete presubmits are aborted (a new push, a close)
 */
public record TriggerDecision(
    List<Decided> started,
    List<Decided> notStarted,
    Optional<Integer> abortsPullRequest,
    List<String> notes) {
  public TriggerDecision {
    started = List.copyOf(started);
    notStarted = List.copyOf(notStarted);
    notes = List.copyOf(notes);
  }

  /** A job and the reason it starts, or does not. */
  public record Decided(Job job, String reason) {}
}
