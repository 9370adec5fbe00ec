package dev.snoop.submissions.bot;

import dev.snoop.github.GitHubApi.CommitStatus;
import dev.snoop.github.GitHubApi.IssueComment;
import dev.snoop.github.GitHubApi.PullRequest;
import dev.snoop.github.GitHubApi.StatusUpdate;
import dev.snoop.submissions.Labels;
import dev.snoop.submissions.Verification;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * What the bot writes to a pull request to make it show a verification: only the differences.
 *
 * @param addLabels labels the verification gives that the PR lacks
 * @param removeLabels labels the bot manages ({@link Labels#isManaged}) that the PR has and the
 *     verification does not give; no other label is ever removed
 * @param postComment the comment to post, when the bot's latest comment says something else
 * @param deleteComments the bot's older comments (and the latest, when a new one replaces it)
 * @param status the commit status to set, when the bot's latest one on the head differs
 */
public record Actions(
    List<String> addLabels,
    List<String> removeLabels,
    Optional<String> postComment,
    List<Long> deleteComments,
    Optional<StatusUpdate> status) {
  /** The context of the commit status, the official bot's. */
  public static final String STATUS_CONTEXT = "verify-conformance";

  /**
   * Marks the bot's comments (with its login, when known): an HTML comment GitHub does not show.
   */
  public static final String MARKER = "<!-- snoop bot: verify-conformance -->";

  public Actions {
    addLabels = List.copyOf(addLabels);
    removeLabels = List.copyOf(removeLabels);
    deleteComments = List.copyOf(deleteComments);
  }

  public boolean none() {
    return addLabels.isEmpty()
        && removeLabels.isEmpty()
        && postComment.isEmpty()
        && deleteComments.isEmpty()
        && status.isEmpty();
  }

  /**
   * The actions that bring the pull request in line with the verification.
   *
   * @param self the bot's login; when empty (no token, dry run) its comments are known by the
   *     marker alone
   */
  static Actions plan(
      PullRequest pr,
      List<IssueComment> comments,
      List<CommitStatus> statuses,
      Verification v,
      Optional<String> self) {
    List<String> add = v.labels().stream().filter(l -> !pr.labels().contains(l)).toList();
    List<String> remove =
        pr.labels().stream()
            .filter(Labels::isManaged)
            .filter(l -> !v.labels().contains(l))
            .toList();

    String body = commentBody(v);
    List<IssueComment> ours = comments.stream().filter(c -> ours(c, self)).toList();
    List<Long> delete = new ArrayList<>(ours.stream().map(IssueComment::id).toList());
    Optional<String> post = Optional.of(body);
    if (!ours.isEmpty()
        && visibleText(ours.get(ours.size() - 1).body()).equals(visibleText(body))) {
      post = Optional.empty();
      delete.remove(delete.size() - 1);
    }

    StatusUpdate wanted = new StatusUpdate(STATUS_CONTEXT, v.state(), v.stateDescription());
    Optional<CommitStatus> current = latestStatus(statuses, self);
    boolean same =
        current.isPresent()
            && current.get().state().equals(wanted.state())
            && current.get().description().equals(wanted.description());
    return new Actions(add, remove, post, delete, same ? Optional.empty() : Optional.of(wanted));
  }

  /** The comment as posted: the verification's text, then the marker. */
  static String commentBody(Verification v) {
    String text = v.comment().endsWith("\n") ? v.comment() : v.comment() + "\n";
    return text + "\n" + MARKER + "\n";
  }

  /** The bot's latest commit status on the head (statuses come newest first). */
  static Optional<CommitStatus> latestStatus(List<CommitStatus> statuses, Optional<String> self) {
    return statuses.stream()
        .filter(s -> s.context().equals(STATUS_CONTEXT))
        .filter(s -> self.isEmpty() || s.creatorLogin().isEmpty() || s.creatorLogin().equals(self))
        .findFirst();
  }

  private static boolean ours(IssueComment comment, Optional<String> self) {
    return comment.body().contains(MARKER)
        && (self.isEmpty() || self.get().equals(comment.authorLogin()));
  }

  /** What a reader sees: without the marker, line endings and trailing blanks normalised. */
  private static String visibleText(String body) {
    return body.replace("\r\n", "\n").replace(MARKER, "").strip();
  }
}
