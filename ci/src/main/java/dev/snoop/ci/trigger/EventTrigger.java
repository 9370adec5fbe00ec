package dev.snoop.ci.trigger;

import dev.snoop.ci.config.Job;
import dev.snoop.ci.config.JobType;
import dev.snoop.ci.run.JobRun;
import dev.snoop.ci.run.JobStore;
import dev.snoop.ci.run.NewRuns;
import dev.snoop.ci.run.Refs;
import dev.snoop.github.GitHubApi;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;
import org.jooq.DSLContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.JsonNode;

/**
 * Turns GitHub events into runs: the trigger rules decide ({@link TriggerRules}), this stores what
 * they decided, in the caller's transaction (the webhook delivery's, so the delivery id and the
 * runs commit together). A new push or a closed PR aborts the PR's incomplete presubmits; a job
 * asked for again aborts its older incomplete run of the same PR.
 */
public final class EventTrigger {
  private static final Logger log = LoggerFactory.getLogger(EventTrigger.class);

  /** The reporter whose status an aborted, replaced run must not overwrite (Prow's crier name). */
  public static final String GITHUB_REPORTER = "github-reporter";

  static final String NEEDS_OK_TO_TEST_LABEL = "needs-ok-to-test";

  private final Supplier<List<Job>> jobs;
  private final GitHubApi github;
  private final GitHubFacts facts;
  private final NewRuns newRuns;
  private final String executor;
  private final boolean apply;

  /**
   * @param jobs the jobs of the current config (read on every event, so a reload applies at once)
   * @param executor where the runs it makes run: local, kubernetes or prow
   * @param apply write to GitHub (the ok-to-test label); false only logs it
   */
  public EventTrigger(
      Supplier<List<Job>> jobs,
      GitHubApi github,
      GitHubFacts facts,
      NewRuns newRuns,
      String executor,
      boolean apply) {
    this.jobs = jobs;
    this.github = github;
    this.facts = facts;
    this.newRuns = newRuns;
    this.executor = executor;
    this.apply = apply;
  }

  /** What one event did. */
  public record Outcome(List<JobRun> started, List<String> aborted, List<String> notes) {
    public Outcome {
      started = List.copyOf(started);
      aborted = List.copyOf(aborted);
      notes = List.copyOf(notes);
    }

    /** One line for the delivery's record: {@code started pull-a, pull-b; aborted 2}. */
    public String summary() {
      List<String> parts = new ArrayList<>();
      if (!started.isEmpty()) {
        parts.add("started " + String.join(", ", started.stream().map(JobRun::job).toList()));
      }
      if (!aborted.isEmpty()) {
        parts.add("aborted " + aborted.size());
      }
      if (parts.isEmpty()) {
        parts.add(notes.isEmpty() ? "nothing to run" : "nothing to run: " + notes.get(0));
      }
      return String.join("; ", parts);
    }
  }

  /**
   * Acts on one webhook delivery.
   *
   * @param event {@code X-GitHub-Event}
   * @param deliveryId {@code X-GitHub-Delivery}, kept on the runs it starts
   */
  public Outcome accept(String event, String deliveryId, JsonNode payload, DSLContext tx) {
    GitHubEvent parsed;
    try {
      parsed = GitHubEvent.parse(event, payload);
    } catch (IllegalArgumentException e) {
      return new Outcome(List.of(), List.of(), List.of(e.getMessage()));
    }
    List<Job> all = jobs.get();
    if (all.stream().noneMatch(j -> j.repo().equals(Optional.of(parsed.repo())))) {
      return new Outcome(List.of(), List.of(), List.of("no job tests " + parsed.repo()));
    }
    Optional<GitHubApi.PullRequest> pullRequest = pullRequestOf(parsed, payload, all);
    TriggerFacts known = facts.of(parsed, pullRequest, all);
    TriggerDecision decision = TriggerRules.decide(parsed, all, known);
    if (parsed instanceof GitHubEvent.IssueCommentEvent comment) {
      labelOkToTest(comment, known);
    }
    return apply(parsed, decision, pullRequest, Optional.of(deliveryId), tx);
  }

  /**
   * A trusted user's {@code /ok-to-test} labels the PR {@code ok-to-test} (and takes away {@code
   * needs-ok-to-test}), as Prow's trigger does: the label is what lets the untrusted author's later
   * pushes run. Known risk, as in Prow: the label stays when the author pushes again.
   */
  private void labelOkToTest(GitHubEvent.IssueCommentEvent comment, TriggerFacts known) {
    String text = Commands.withoutCodeBlocks(comment.body());
    if (!comment.onPullRequest()
        || !comment.action().equals("created")
        || !Commands.has(Commands.OK_TO_TEST, text)
        || !known.trusts(comment.commentAuthor())
        || comment.labels().contains(TriggerRules.OK_TO_TEST_LABEL)) {
      return;
    }
    if (!apply) {
      log.info(
          "dry run: would label {}#{} {}",
          comment.repo(),
          comment.number(),
          TriggerRules.OK_TO_TEST_LABEL);
      return;
    }
    github.addLabels(comment.repo(), comment.number(), List.of(TriggerRules.OK_TO_TEST_LABEL));
    if (comment.labels().contains(NEEDS_OK_TO_TEST_LABEL)) {
      github.removeLabel(comment.repo(), comment.number(), NEEDS_OK_TO_TEST_LABEL);
    }
  }

  /**
   * Stores a decision: aborts first (a push replaces the PR's runs), then the new runs.
   *
   * @param pullRequest the PR the runs test, for presubmits
   */
  Outcome apply(
      GitHubEvent event,
      TriggerDecision decision,
      Optional<GitHubApi.PullRequest> pullRequest,
      Optional<String> deliveryId,
      DSLContext tx) {
    String[] orgRepo = event.repo().split("/", 2);
    List<String> aborted = new ArrayList<>();
    decision
        .abortsPullRequest()
        .ifPresent(
            number -> {
              for (JobRun old : JobStore.incompleteOfPull(tx, orgRepo[0], orgRepo[1], number)) {
                if (JobStore.supersede(
                    tx, old.id(), "Aborted by trigger plugin.", GITHUB_REPORTER)) {
                  aborted.add(old.id());
                }
              }
            });
    List<JobRun> started = new ArrayList<>();
    for (TriggerDecision.Decided decided : decision.started()) {
      Job job = decided.job();
      Optional<Refs> refs = refs(event, job, pullRequest, orgRepo);
      if (job.type() == JobType.PRESUBMIT) {
        int number = refs.flatMap(Refs::pull).orElseThrow().number();
        for (JobRun older : JobStore.incompleteOfPull(tx, orgRepo[0], orgRepo[1], number)) {
          if (older.job().equals(job.name())
              && JobStore.supersede(
                  tx, older.id(), "Superseded by a newer run of the job.", GITHUB_REPORTER)) {
            aborted.add(older.id());
          }
        }
      }
      JobRun run = newRuns.triggered(job, refs, executor, deliveryId);
      JobStore.insert(tx, run);
      started.add(run);
      log.info(
          "{} {}: triggered {} ({})", event.repo(), describe(event), job.name(), decided.reason());
    }
    return new Outcome(started, aborted, decision.notes());
  }

  /** What the runs of {@code job} test. */
  private static Optional<Refs> refs(
      GitHubEvent event, Job job, Optional<GitHubApi.PullRequest> pr, String[] orgRepo) {
    if (event instanceof GitHubEvent.PushEvent push) {
      return Optional.of(
          new Refs(orgRepo[0], orgRepo[1], push.branch(), Optional.of(push.after()), List.of()));
    }
    GitHubApi.PullRequest p = pr.orElseThrow();
    return Optional.of(
        new Refs(
            orgRepo[0],
            orgRepo[1],
            p.baseRef(),
            Optional.of(p.baseSha()).filter(s -> !s.isEmpty()),
            List.of(new Refs.Pull(p.number(), p.author(), p.headSha(), Optional.of(p.title())))));
  }

  /**
   * The PR an event is about: a pull_request event carries it; for a comment that may start jobs,
   * GitHub is asked (the comment's payload has neither the head commit nor the base branch).
   */
  private Optional<GitHubApi.PullRequest> pullRequestOf(
      GitHubEvent event, JsonNode payload, List<Job> jobs) {
    if (event instanceof GitHubEvent.PullRequestEvent pr) {
      JsonNode p = payload.path("pull_request");
      List<String> labels = new ArrayList<>(pr.labels());
      return Optional.of(
          new GitHubApi.PullRequest(
              pr.number(),
              p.path("state").asString("open"),
              p.path("title").asString(""),
              pr.headSha(),
              p.path("commits").asInt(0),
              labels,
              pr.author(),
              pr.baseRef(),
              p.path("base").path("sha").asString("")));
    }
    if (event instanceof GitHubEvent.IssueCommentEvent comment
        && comment.onPullRequest()
        && comment.action().equals("created")
        && TriggerRules.commentAsksForJobs(comment, jobs)) {
      return Optional.of(github.pullRequest(comment.repo(), comment.number()));
    }
    return Optional.empty();
  }

  private static String describe(GitHubEvent event) {
    if (event instanceof GitHubEvent.PullRequestEvent pr) {
      return "#" + pr.number() + " " + pr.action();
    }
    if (event instanceof GitHubEvent.IssueCommentEvent c) {
      return "#" + c.number() + " comment by " + c.commentAuthor();
    }
    return "push to " + ((GitHubEvent.PushEvent) event).branch();
  }
}
