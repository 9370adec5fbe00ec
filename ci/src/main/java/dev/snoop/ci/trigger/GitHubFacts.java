package dev.snoop.ci.trigger;

import dev.snoop.ci.config.Job;
import dev.snoop.github.GitHubApi;
import dev.snoop.github.GitHubException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Asks GitHub what the trigger rules need to know about an event ({@link TriggerFacts}): who is
 * trusted (an org member or a collaborator, as Prow's trigger decides), the PR's changed files when
 * a job filters on them, the head commit's statuses for {@code /retest}. Trust answers are kept for
 * ten minutes: asking for every event is what exhausted Prow's tokens.
 */
public final class GitHubFacts {
  static final Duration TRUST_KEPT_FOR = Duration.ofMinutes(10);

  private final GitHubApi github;
  private final Clock clock;
  private final Map<String, Trust> trust = new ConcurrentHashMap<>();
  private volatile Optional<String> botLogin;

  private record Trust(boolean trusted, Instant until) {}

  public GitHubFacts(GitHubApi github, Clock clock) {
    this.github = github;
    this.clock = clock;
  }

  /**
   * The facts for {@code event} on the repository's {@code presubmits}.
   *
   * @param pullRequest the PR the event is about, as GitHub has it now (for a comment, its base
   *     branch and head commit)
   */
  TriggerFacts of(GitHubEvent event, Optional<GitHubApi.PullRequest> pullRequest, List<Job> jobs) {
    String repo = event.repo();
    Set<String> users = new LinkedHashSet<>();
    users.add(event.actor());
    if (event instanceof GitHubEvent.IssueCommentEvent comment) {
      users.add(comment.issueAuthor());
    }
    Set<String> trusted = new LinkedHashSet<>();
    for (String user : users) {
      if (!user.isEmpty() && trusted(repo, user)) {
        trusted.add(user);
      }
    }
    Optional<List<String>> changedFiles = Optional.empty();
    Map<String, String> statuses = new LinkedHashMap<>();
    if (pullRequest.isPresent()) {
      int number = pullRequest.get().number();
      if (jobs.stream().anyMatch(j -> j.repo().equals(Optional.of(repo)) && j.hasChangeFilter())) {
        changedFiles =
            Optional.of(
                github.files(repo, number).stream().map(GitHubApi.ChangedFile::path).toList());
      }
      if (event instanceof GitHubEvent.IssueCommentEvent) {
        // newest first: the first status of a context is its current one
        for (GitHubApi.CommitStatus status : github.statuses(repo, pullRequest.get().headSha())) {
          statuses.putIfAbsent(status.context(), status.state());
        }
      }
    }
    return new TriggerFacts(
        changedFiles,
        statuses,
        trusted,
        botLogin(),
        pullRequest.map(GitHubApi.PullRequest::baseRef).filter(b -> !b.isEmpty()));
  }

  /** Whether {@code login} is a member of the repository's organisation or a collaborator. */
  boolean trusted(String repo, String login) {
    String key = repo + " " + login;
    Trust known = trust.get(key);
    Instant now = clock.instant();
    if (known != null && now.isBefore(known.until())) {
      return known.trusted();
    }
    String org = repo.substring(0, repo.indexOf('/'));
    boolean trusted = github.isOrgMember(org, login) || github.isCollaborator(repo, login);
    trust.put(key, new Trust(trusted, now.plus(TRUST_KEPT_FOR)));
    return trusted;
  }

  /** The bot's own login (its comments start nothing); empty without a token. */
  Optional<String> botLogin() {
    Optional<String> login = botLogin;
    if (login == null) {
      try {
        login = Optional.of(github.authenticatedLogin());
      } catch (GitHubException e) {
        login = Optional.empty();
      }
      botLogin = login;
    }
    return login;
  }
}
