package dev.snoop.submissions.bot;

import dev.snoop.db.input.InputException;
import dev.snoop.db.input.InvalidValueException;
import dev.snoop.github.GitHubApi;
import dev.snoop.github.GitHubApi.ChangedFile;
import dev.snoop.github.GitHubApi.CommitStatus;
import dev.snoop.github.GitHubApi.IssueComment;
import dev.snoop.github.GitHubApi.PullRequest;
import dev.snoop.github.GitHubException;
import dev.snoop.submissions.Labels;
import dev.snoop.submissions.Verification;
import dev.snoop.submissions.Verifier;
import dev.snoop.submissions.source.Submission;
import dev.snoop.submissions.source.SubmissionFile;
import dev.snoop.submissions.source.SubmissionOrigin;
import dev.snoop.submissions.store.VerificationStore;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Verifies the pull requests of one repository and makes each show its verification: the managed
 * labels, one comment, a commit status. Each call re-reads the PR from GitHub and converges, so a
 * crash or a missed event loses nothing; only differences are written, so running twice writes
 * nothing the second time. Not thread-safe: run it on one thread ({@link BotService} does).
 */
public final class PullRequestBot {
  private static final Logger log = LoggerFactory.getLogger(PullRequestBot.class);

  /** The files the checks read the contents of (any case, the first of each, as the bot finds). */
  private static final List<String> EVIDENCE =
      List.of("README.md", "PRODUCT.yaml", "e2e.log", "junit_01.xml");

  /**
   * @param repo {@code owner/name}
   * @param apply write to GitHub; otherwise only report what would be written
   * @param self the login the token authenticates as; empty without a token (dry run only)
   */
  public record Settings(String repo, boolean apply, Optional<String> self) {
    public Settings {
      if (!repo.matches("[A-Za-z0-9_.-]+/[A-Za-z0-9_.-]+")) {
        throw new InvalidValueException("a repository is owner/name, not " + repo);
      }
      if (apply && self.isEmpty()) {
        throw new IllegalArgumentException("applying needs the bot's login (a token)");
      }
    }
  }

  private final GitHubApi github;
  private final Verifier verifier;
  private final Settings settings;
  private final Optional<VerificationStore> store;

  public PullRequestBot(
      GitHubApi github, Verifier verifier, Settings settings, Optional<VerificationStore> store) {
    this.github = github;
    this.verifier = verifier;
    this.settings = settings;
    this.store = store;
  }

  public String repo() {
    return settings.repo();
  }

  /**
   * Every open pull request, oldest first; each outcome is also given to {@code each} as it comes.
   *
   * @throws GitHubException when the open PRs cannot be listed
   */
  public List<Outcome> sweep(Consumer<Outcome> each) {
    List<Outcome> outcomes = new ArrayList<>();
    for (int number : github.openPullRequests(settings.repo())) {
      Outcome outcome = handle(number, false);
      each.accept(outcome);
      outcomes.add(outcome);
    }
    return outcomes;
  }

  /**
   * Verifies one pull request and brings it in line.
   *
   * @param force verify even when nothing seems to have changed
   * @throws GitHubException when GitHub rejects the token (nothing else would work either)
   */
  public Outcome handle(int number, boolean force) {
    String repo = settings.repo();
    PullRequest pr;
    try {
      pr = github.pullRequest(repo, number);
    } catch (GitHubException e) {
      return failure(number, Optional.empty(), e);
    }
    if (!pr.open()) {
      return Outcome.skipped(repo, number, pr.headSha(), "not open (" + pr.state() + ")");
    }
    try {
      List<CommitStatus> statuses = github.statuses(repo, pr.headSha());
      Optional<String> unchanged = force ? Optional.empty() : unchanged(pr, statuses);
      if (unchanged.isPresent()) {
        return Outcome.skipped(repo, number, pr.headSha(), unchanged.get());
      }
      Submission submission = read(pr);
      Verification v;
      try {
        v = verifier.verify(submission);
      } catch (InputException e) {
        log.error(
            "{}#{}: cannot verify now, the next sweep retries: {}", repo, number, e.getMessage());
        return Outcome.failed(
            repo, number, Optional.of(pr.headSha()), "conformance list: " + e.getMessage());
      }
      store.ifPresent(s -> s.record(v));
      List<IssueComment> comments = github.comments(repo, number);
      Actions actions = Actions.plan(pr, comments, statuses, v, settings.self());
      if (settings.apply()) {
        apply(pr, actions);
      }
      return new Outcome(
          repo,
          number,
          Outcome.Result.VERIFIED,
          Optional.of(pr.headSha()),
          Optional.of(v),
          Optional.of(actions),
          settings.apply(),
          "");
    } catch (GitHubException e) {
      return failure(number, Optional.of(pr.headSha()), e);
    }
  }

  /**
   * Why verifying again would change nothing, when that is so: the bot's latest status on this head
   * is {@code success} (the official bot's whole rule), and, when verifications are stored, the
   * latest one is of this head and title and the PR still carries exactly its managed labels (so an
   * edited title or a label removed by hand is noticed on the next sweep).
   */
  private Optional<String> unchanged(PullRequest pr, List<CommitStatus> statuses) {
    Optional<CommitStatus> status = Actions.latestStatus(statuses, settings.self());
    if (status.isEmpty() || !status.get().state().equals("success")) {
      return Optional.empty();
    }
    if (store.isEmpty()) {
      return Optional.of("head already verified (success)");
    }
    Optional<VerificationStore.Stored> last = store.get().latest(settings.repo(), pr.number());
    if (last.isEmpty()
        || !last.get().headSha().equals(Optional.of(pr.headSha()))
        || !last.get().title().equals(pr.title())
        || !last.get().verdict().equals("pass")) {
      return Optional.empty();
    }
    Set<String> managedNow =
        pr.labels().stream().filter(Labels::isManaged).collect(Collectors.toSet());
    if (!managedNow.equals(new HashSet<>(last.get().labels()))) {
      return Optional.empty();
    }
    return Optional.of("head already verified (success), title and labels unchanged");
  }

  /**
   * The PR as a submission: every changed file by name (removed ones last, empty), with the
   * contents at the head of the first file of each evidence name, the only contents the checks
   * read.
   */
  private Submission read(PullRequest pr) {
    List<ChangedFile> changed = github.files(settings.repo(), pr.number());
    List<SubmissionFile> files = new ArrayList<>();
    Set<String> fetched = new HashSet<>();
    for (ChangedFile file : changed) {
      if (file.removed()) {
        continue;
      }
      String base = file.path().substring(file.path().lastIndexOf('/') + 1);
      String evidence =
          EVIDENCE.stream()
              .filter(base::equalsIgnoreCase)
              .findFirst()
              .orElse("")
              .toLowerCase(Locale.ROOT);
      byte[] content =
          !evidence.isEmpty() && fetched.add(evidence)
              ? github.content(settings.repo(), file.path(), pr.headSha())
              : new byte[0];
      files.add(new SubmissionFile(file.path(), content));
    }
    for (ChangedFile file : changed) {
      if (file.removed()) {
        files.add(new SubmissionFile(file.path(), new byte[0]));
      }
    }
    return new Submission(
        pr.title(),
        files,
        pr.commits(),
        SubmissionOrigin.github(settings.repo(), pr.number(), pr.headSha()));
  }

  /** Labels first, then the comment (the new one before the old ones go), then the status. */
  private void apply(PullRequest pr, Actions actions) {
    String repo = settings.repo();
    if (!actions.addLabels().isEmpty()) {
      github.addLabels(repo, pr.number(), actions.addLabels());
    }
    for (String label : actions.removeLabels()) {
      github.removeLabel(repo, pr.number(), label);
    }
    actions.postComment().ifPresent(body -> github.postComment(repo, pr.number(), body));
    for (long id : actions.deleteComments()) {
      github.deleteComment(repo, id);
    }
    actions.status().ifPresent(status -> github.setStatus(repo, pr.headSha(), status));
  }

  private Outcome failure(int number, Optional<String> headSha, GitHubException e) {
    if (e.badCredentials()) {
      throw e;
    }
    log.error("{}#{}: {}; the next sweep retries", settings.repo(), number, e.getMessage());
    return Outcome.failed(settings.repo(), number, headSha, e.getMessage());
  }
}
