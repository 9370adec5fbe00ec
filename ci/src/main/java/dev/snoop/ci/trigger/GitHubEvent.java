package dev.snoop.ci.trigger;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import tools.jackson.databind.JsonNode;

/** The parts of a GitHub webhook the trigger rules read, one record per event kind. */
public sealed interface GitHubEvent {
  /** The repository, {@code org/repo}. */
  String repo();

  /** The user whose trust decides: a PR's author, a comment's author, a push's pusher. */
  String actor();

  /**
   * The event in a payload file.
   *
   * @throws IllegalArgumentException naming the file when it is not JSON or not such an event
   */
  static GitHubEvent read(String event, java.nio.file.Path payload) {
    JsonNode node;
    try {
      node = tools.jackson.databind.json.JsonMapper.shared().readTree(payload.toFile());
    } catch (tools.jackson.core.JacksonException e) {
      throw new IllegalArgumentException(
          payload + ": not a JSON webhook payload: " + e.getOriginalMessage(), e);
    }
    try {
      return parse(event, node);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(payload + ": " + e.getMessage(), e);
    }
  }

  /**
   * The event named by the {@code X-GitHub-Event} header, read from its payload.
   *
   * @throws IllegalArgumentException for an event the trigger rules do not handle, or a payload
   *     without the fields that event has
   */
  static GitHubEvent parse(String event, JsonNode payload) {
    return switch (event) {
      case "pull_request" -> PullRequestEvent.of(payload);
      case "issue_comment" -> IssueCommentEvent.of(payload);
      case "push" -> PushEvent.of(payload);
      default ->
          throw new IllegalArgumentException(
              "event " + event + " starts no job (pull_request, issue_comment or push do)");
    };
  }

  /**
   * A {@code pull_request} event.
   *
   * @param label the label added, for action {@code labeled}
   * @param baseChanged for action {@code edited}, whether the base branch or SHA changed
   * @param mergeable GitHub's verdict, unknown while it computes it
   */
  record PullRequestEvent(
      String action,
      String repo,
      int number,
      String author,
      String sender,
      boolean draft,
      String baseRef,
      String headSha,
      Set<String> labels,
      Optional<String> label,
      boolean baseChanged,
      Optional<Boolean> mergeable)
      implements GitHubEvent {
    @Override
    public String actor() {
      return author;
    }

    static PullRequestEvent of(JsonNode payload) {
      JsonNode pr = required(payload, "pull_request");
      JsonNode mergeable = pr.path("mergeable");
      JsonNode changes = payload.path("changes").path("base");
      return new PullRequestEvent(
          text(payload, "action"),
          repoOf(pr.path("base").path("repo"), payload),
          pr.path("number").asInt(),
          pr.path("user").path("login").asString(""),
          payload.path("sender").path("login").asString(""),
          pr.path("draft").asBoolean(false),
          text(pr.path("base"), "ref"),
          pr.path("head").path("sha").asString(""),
          labelNames(pr.path("labels")),
          Optional.ofNullable(payload.path("label").path("name").asString(null)),
          changes.path("ref").hasNonNull("from") || changes.path("sha").hasNonNull("from"),
          mergeable.isBoolean() ? Optional.of(mergeable.booleanValue()) : Optional.empty());
    }
  }

  /**
   * An {@code issue_comment} event; GitHub sends it for comments on issues and pull requests alike.
   *
   * @param defaultBranch the repository's default branch (the payload does not carry the PR's base)
   */
  record IssueCommentEvent(
      String action,
      String repo,
      int number,
      boolean onPullRequest,
      String state,
      String commentAuthor,
      String issueAuthor,
      String body,
      Set<String> labels,
      String defaultBranch)
      implements GitHubEvent {
    @Override
    public String actor() {
      return commentAuthor;
    }

    /** The same event with another comment, to ask what that comment would start. */
    public IssueCommentEvent withBody(String newBody) {
      return new IssueCommentEvent(
          action,
          repo,
          number,
          onPullRequest,
          state,
          commentAuthor,
          issueAuthor,
          newBody,
          labels,
          defaultBranch);
    }

    static IssueCommentEvent of(JsonNode payload) {
      JsonNode issue = required(payload, "issue");
      JsonNode comment = required(payload, "comment");
      return new IssueCommentEvent(
          text(payload, "action"),
          repoOf(payload.path("repository"), payload),
          issue.path("number").asInt(),
          issue.hasNonNull("pull_request"),
          issue.path("state").asString(""),
          comment.path("user").path("login").asString(""),
          issue.path("user").path("login").asString(""),
          comment.path("body").asString(""),
          labelNames(issue.path("labels")),
          payload.path("repository").path("default_branch").asString(""));
    }
  }

  /**
   * A {@code push} event.
   *
   * @param branch the ref without {@code refs/heads/} (or {@code refs/tags/}), as Prow takes it
   * @param changedFiles the files the pushed commits added, removed or modified
   */
  record PushEvent(
      String repo,
      String ref,
      String branch,
      boolean deleted,
      String after,
      String pusher,
      List<String> changedFiles)
      implements GitHubEvent {
    @Override
    public String actor() {
      return pusher;
    }

    static PushEvent of(JsonNode payload) {
      String ref = text(payload, "ref");
      Set<String> files = new LinkedHashSet<>();
      for (JsonNode commit : payload.path("commits")) {
        for (String kind : List.of("added", "removed", "modified")) {
          commit.path(kind).forEach(f -> files.add(f.asString("")));
        }
      }
      JsonNode repository = payload.path("repository");
      String owner = repository.path("owner").path("login").asString("");
      if (owner.isEmpty()) {
        owner = repository.path("owner").path("name").asString("");
      }
      return new PushEvent(
          owner + "/" + repository.path("name").asString(""),
          ref,
          ref.replaceFirst("^refs/heads/", "").replaceFirst("^refs/tags/", ""),
          payload.path("deleted").asBoolean(false),
          payload.path("after").asString(""),
          payload.path("pusher").path("name").asString(""),
          new ArrayList<>(files));
    }
  }

  private static String repoOf(JsonNode repository, JsonNode payload) {
    String name = repository.path("full_name").asString("");
    if (name.isEmpty()) {
      name = payload.path("repository").path("full_name").asString("");
    }
    if (name.isEmpty()) {
      throw new IllegalArgumentException("the payload names no repository (repository.full_name)");
    }
    return name;
  }

  private static JsonNode required(JsonNode payload, String field) {
    JsonNode node = payload.path(field);
    if (!node.isObject()) {
      throw new IllegalArgumentException("the payload has no " + field + " object");
    }
    return node;
  }

  private static String text(JsonNode node, String field) {
    JsonNode value = node.path(field);
    if (!value.isString()) {
      throw new IllegalArgumentException("the payload has no " + field);
    }
    return value.stringValue();
  }

  private static Set<String> labelNames(JsonNode labels) {
    Set<String> names = new LinkedHashSet<>();
    labels.forEach(l -> names.add(l.path("name").asString("")));
    return names;
  }
}
