package dev.snoop.github;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The few GitHub REST calls the bot makes, and nothing else. {@link GitHubClient} implements it
 * over HTTP; {@code repo} is always {@code owner/name}.
 */
public interface GitHubApi {
  /** The login the token authenticates as ({@code GET /user}). */
  String authenticatedLogin();

  /** Numbers of the open pull requests, oldest first ({@code GET /repos/{repo}/pulls}). */
  List<Integer> openPullRequests(String repo);

  /** One pull request ({@code GET /repos/{repo}/pulls/{number}}). */
  PullRequest pullRequest(String repo, int number);

  /** Every file the pull request changes ({@code GET /repos/{repo}/pulls/{number}/files}). */
  List<ChangedFile> files(String repo, int number);

  /** A file's bytes at a commit ({@code GET /repos/{repo}/contents/{path}?ref=}, raw). */
  byte[] content(String repo, String path, String ref);

  /** Comments on the pull request's conversation, oldest first. */
  List<IssueComment> comments(String repo, int number);

  /** Statuses of a commit, newest first ({@code GET /repos/{repo}/commits/{ref}/statuses}). */
  List<CommitStatus> statuses(String repo, String sha);

  void addLabels(String repo, int number, List<String> labels);

  void removeLabel(String repo, int number, String label);

  /** Posts a comment; returns its id. */
  long postComment(String repo, int number, String body);

  void deleteComment(String repo, long commentId);

  void setStatus(String repo, String sha, StatusUpdate status);

  /**
   * Whether {@code login} is a member of the organisation ({@code GET /orgs/{org}/members/{login}}:
   * 204 yes, 404 no). Prow's trigger trusts org members.
   */
  boolean isOrgMember(String org, String login);

  /**
   * Whether {@code login} is a collaborator of the repository ({@code GET
   * /repos/{repo}/collaborators/{login}}: 204 yes, 404 no). Prow's trigger trusts collaborators
   * too.
   */
  boolean isCollaborator(String repo, String login);

  /**
   * A pull request as the bot reads it.
   *
   * @param commits how many commits it has
   * @param author the login of who opened it
   * @param baseRef the branch it merges into
   * @param baseSha that branch's commit GitHub compares against
   */
  record PullRequest(
      int number,
      String state,
      String title,
      String headSha,
      int commits,
      List<String> labels,
      String author,
      String baseRef,
      String baseSha) {
    public PullRequest {
      Objects.requireNonNull(title, "title");
      Objects.requireNonNull(headSha, "headSha");
      labels = List.copyOf(labels);
    }

    public boolean open() {
      return "open".equals(state);
    }
  }

  /**
   * A file a pull request changes.
   *
   * @param status {@code added}, {@code modified}, {@code removed}, {@code renamed}, ...
   */
  record ChangedFile(String path, String status) {
    public boolean removed() {
      return "removed".equals(status);
    }
  }

  record IssueComment(long id, String authorLogin, String body) {}

  /** A commit status; {@code creatorLogin} is empty when GitHub does not say. */
  record CommitStatus(
      String context, String state, String description, Optional<String> creatorLogin) {}

  /**
   * A commit status to set.
   *
   * @param targetUrl the page the status links to (a job run's page)
   */
  record StatusUpdate(
      String context, String state, String description, Optional<String> targetUrl) {
    public StatusUpdate(String context, String state, String description) {
      this(context, state, description, Optional.empty());
    }
  }
}
