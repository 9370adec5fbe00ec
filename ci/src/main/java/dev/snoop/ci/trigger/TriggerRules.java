package dev.snoop.ci.trigger;

import dev.snoop.ci.config.GoRegex;
import dev.snoop.ci.config.Job;
import dev.snoop.ci.config.JobType;
import dev.snoop.ci.trigger.GitHubEvent.IssueCommentEvent;
import dev.snoop.ci.trigger.GitHubEvent.PullRequestEvent;
import dev.snoop.ci.trigger.GitHubEvent.PushEvent;
import dev.snoop.ci.trigger.TriggerDecision.Decided;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Which jobs a GitHub event starts, by the rules of Prow's trigger plugin (sigs.k8s.io/prow
 * pkg/plugins/trigger and pkg/pjutil/filter.go). Pure: everything Prow would ask GitHub for comes
 * in {@link TriggerFacts}.
 */
public final class TriggerRules {
  static final String OK_TO_TEST_LABEL = "ok-to-test";
  static final String LGTM_LABEL = "lgtm";

  private TriggerRules() {}

  /** What {@code event} does to the {@code jobs} of its repository. */
  public static TriggerDecision decide(GitHubEvent event, List<Job> jobs, TriggerFacts facts) {
    if (event instanceof PullRequestEvent pr) {
      return onPullRequest(pr, presubmitsOf(jobs, pr.repo()), facts);
    }
    if (event instanceof IssueCommentEvent comment) {
      return onComment(comment, presubmitsOf(jobs, comment.repo()), facts);
    }
    return onPush((PushEvent) event, jobs);
  }

  private static TriggerDecision onPullRequest(
      PullRequestEvent pr, List<Job> presubmits, TriggerFacts facts) {
    Outcome out = new Outcome();
    boolean trusted = facts.trusts(pr.author()) || pr.labels().contains(OK_TO_TEST_LABEL);
    switch (pr.action()) {
      case "opened" -> {
        if (!facts.trusts(pr.author())) {
          out.note(
              "the author "
                  + pr.author()
                  + " is not trusted: nothing runs until a trusted member comments /ok-to-test"
                  + " (Prow welcomes the author and labels the PR needs-ok-to-test)");
        } else if (pr.draft()) {
          out.note("draft PR: nothing runs (Prow comments that /test all still works)");
        } else {
          buildAll(pr, presubmits, facts, out, "the PR was opened");
        }
      }
      case "reopened", "ready_for_review" -> buildAllIfTrusted(pr, trusted, presubmits, facts, out);
      case "edited" -> {
        if (pr.baseChanged()) {
          buildAllIfTrusted(pr, trusted, presubmits, facts, out);
        } else {
          out.note("an edit that does not change the base branch starts nothing");
        }
      }
      case "synchronize" -> {
        out.abort(pr.number());
        buildAllIfTrusted(pr, trusted, presubmits, facts, out);
      }
      case "labeled" -> {
        String label = pr.label().orElse("");
        if (label.equals(LGTM_LABEL) && !trusted) {
          buildAllButDraft(pr, presubmits, facts, out, "lgtm on an untrusted PR");
        } else if (label.equals(OK_TO_TEST_LABEL)
            && !facts.botLogin().map(pr.sender()::equals).orElse(false)) {
          buildAllButDraft(pr, presubmits, facts, out, "labeled ok-to-test");
        } else {
          out.note("the label " + label + " starts nothing");
        }
      }
      case "closed", "converted_to_draft" -> out.abort(pr.number());
      default -> out.note("the pull_request action " + pr.action() + " starts nothing");
    }
    if (!out.started.isEmpty() && pr.mergeable().equals(Optional.of(false))) {
      out.unstartAll("GitHub reports the PR cannot be merged: nothing starts");
    }
    return out.decision(presubmits);
  }

  private static void buildAllIfTrusted(
      PullRequestEvent pr, boolean trusted, List<Job> presubmits, TriggerFacts facts, Outcome out) {
    if (!trusted) {
      out.note(
          "neither is the author "
              + pr.author()
              + " trusted nor has the PR the ok-to-test label: nothing runs");
      return;
    }
    buildAllButDraft(pr, presubmits, facts, out, "the PR was " + pr.action());
  }

  private static void buildAllButDraft(
      PullRequestEvent pr, List<Job> presubmits, TriggerFacts facts, Outcome out, String why) {
    if (pr.draft()) {
      out.note("draft PR: nothing runs");
      return;
    }
    buildAll(pr, presubmits, facts, out, why);
  }

  /** Every presubmit that runs automatically (Prow's TestAllFilter). */
  private static void buildAll(
      PullRequestEvent pr, List<Job> presubmits, TriggerFacts facts, Outcome out, String why) {
    Changes changes = Changes.of(facts, out);
    for (Job job : presubmits) {
      Selection selection = job.needsExplicitTrigger() ? null : new Selection(false, false, why);
      out.judge(
          job,
          pr.baseRef(),
          changes,
          selection,
          "runs only when asked: " + job.rerunCommand().orElse(""));
    }
  }

  private static TriggerDecision onComment(
      IssueCommentEvent comment, List<Job> presubmits, TriggerFacts facts) {
    Outcome out = new Outcome();
    if (!comment.action().equals("created")) {
      return out.note("only new comments count, not " + comment.action()).decision(presubmits);
    }
    if (!comment.onPullRequest()) {
      return out.note("a comment on an issue, not a pull request").decision(presubmits);
    }
    if (!comment.state().equals("open")) {
      return out.note("the pull request is " + comment.state()).decision(presubmits);
    }
    if (facts.botLogin().map(comment.commentAuthor()::equals).orElse(false)) {
      return out.note("the bot's own comment").decision(presubmits);
    }
    String text = Commands.withoutCodeBlocks(comment.body());
    if (!asksForJobs(text, presubmits)) {
      return out.note("the comment has no command that starts jobs").decision(presubmits);
    }
    boolean authorTrusted = facts.trusts(comment.commentAuthor());
    boolean prTrusted =
        facts.trusts(comment.issueAuthor()) || comment.labels().contains(OK_TO_TEST_LABEL);
    if (!authorTrusted && !prTrusted) {
      return out.note(
              comment.commentAuthor()
                  + " is not trusted and neither is the PR: Prow replies \"Cannot trigger testing"
                  + " until a trusted user reviews the PR and leaves an /ok-to-test message.\"")
          .decision(presubmits);
    }
    boolean okToTest = Commands.has(Commands.OK_TO_TEST, text);
    if (Commands.has(Commands.OK_TO_TEST_CANCEL, text)) {
      return out.note(
              authorTrusted
                  ? "/ok-to-test cancel: the PR loses its ok-to-test label; nothing starts"
                  : "only trusted users can revoke /ok-to-test")
          .decision(presubmits);
    }
    if (okToTest) {
      out.note("/ok-to-test: the PR gets the ok-to-test label and its automatic jobs run");
    }
    String branch = facts.baseBranch().orElse(comment.defaultBranch());
    Changes changes = Changes.of(facts, out);
    for (Job job : presubmits) {
      out.judge(
          job,
          branch,
          changes,
          select(job, text, okToTest, facts),
          "the comment does not ask for it");
    }
    Optional<String> help = helpReply(text, out.started.size());
    if (help.isPresent()) {
      out.unstartAll("Prow answers with the list of jobs instead");
      out.note(help.get());
    }
    return out.decision(presubmits);
  }

  /** Prow's PresubmitFilter: the first of its filters that selects the job decides. */
  private static Selection select(Job job, String text, boolean okToTest, TriggerFacts facts) {
    if (job.triggerMatches(text)) {
      return new Selection(
          true, true, "the comment matches its trigger (" + job.rerunCommand().orElse("") + ")");
    }
    boolean retest = Commands.has(Commands.RETEST, text);
    boolean retestRequired = Commands.has(Commands.RETEST_REQUIRED, text);
    String context = job.context().orElse(job.name());
    String state = facts.statuses().get(context);
    boolean failed = "failure".equals(state) || "error".equals(state);
    if (retest || (retestRequired && !job.optional())) {
      String command = retest ? "/retest" : "/retest-required";
      if (failed) {
        return new Selection(false, true, command + ": its context " + context + " is " + state);
      }
      if (!job.needsExplicitTrigger() && state == null) {
        return new Selection(false, false, command + ": it has not reported yet");
      }
    }
    if (Commands.has(Commands.TEST_MANUAL_REQUIRED, text)
        && !job.optional()
        && job.needsExplicitTrigger()) {
      return new Selection(true, false, "/test-manual-required");
    }
    if ((okToTest || Commands.has(Commands.TEST_ALL, text)) && !job.needsExplicitTrigger()) {
      return new Selection(false, false, okToTest ? "/ok-to-test" : "/test all");
    }
    return null;
  }

  /** Whether a comment has a command that may start one of the repository's presubmits. */
  static boolean commentAsksForJobs(IssueCommentEvent comment, List<Job> jobs) {
    return asksForJobs(
        Commands.withoutCodeBlocks(comment.body()), presubmitsOf(jobs, comment.repo()));
  }

  private static boolean asksForJobs(String text, List<Job> presubmits) {
    for (var command :
        List.of(
            Commands.RETEST,
            Commands.RETEST_REQUIRED,
            Commands.TEST_MANUAL_REQUIRED,
            Commands.OK_TO_TEST,
            Commands.OK_TO_TEST_CANCEL,
            Commands.TEST_ALL,
            Commands.EMPTY_TEST,
            Commands.RETEST_WITH_TARGET,
            Commands.TEST_WITH_TARGET,
            Commands.TEST_HELP)) {
      if (Commands.has(command, text)) {
        return true;
      }
    }
    return presubmits.stream().anyMatch(j -> j.triggerMatches(text));
  }

  /** Prow's ShouldRespondWithHelp: a /test it cannot act on gets the list of jobs as answer. */
  private static Optional<String> helpReply(String text, int selected) {
    if (Commands.has(Commands.TEST_HELP, text)) {
      return Optional.of("/test ?: Prow replies with the jobs that can be run");
    }
    if (Commands.has(Commands.EMPTY_TEST, text)) {
      return Optional.of("The `/test` command needs one or more targets.");
    }
    if (Commands.has(Commands.RETEST_WITH_TARGET, text)) {
      return Optional.of("The `/retest` command does not accept any targets.");
    }
    if (selected == 0 && Commands.has(Commands.TEST_ALL, text)) {
      return Optional.of("No jobs can be run with `/test all`.");
    }
    if (selected == 0 && Commands.has(Commands.TEST_WITH_TARGET, text)) {
      return Optional.of("The specified target(s) for `/test` were not found.");
    }
    return Optional.empty();
  }

  private static TriggerDecision onPush(PushEvent push, List<Job> jobs) {
    List<Job> postsubmits =
        jobs.stream()
            .filter(
                j -> j.type() == JobType.POSTSUBMIT && j.repo().equals(Optional.of(push.repo())))
            .toList();
    Outcome out = new Outcome();
    if (push.deleted() || push.after().matches("0{40}")) {
      return out.note(push.ref() + " was deleted: nothing runs").decision(postsubmits);
    }
    for (Job job : postsubmits) {
      if (!job.runsAgainstBranch(push.branch())) {
        out.skip(job, branchReason(job, push.branch()));
      } else if (job.hasChangeFilter()) {
        Optional<String> file = job.fileThatTriggers(push.changedFiles());
        if (file.isPresent()) {
          out.start(job, changeReason(job, file.get()));
        } else {
          out.skip(job, noChangeReason(job, push.changedFiles().size()));
        }
      } else if (job.alwaysRun()) {
        out.start(job, "no change filter: runs on every push to " + push.branch());
      } else {
        out.skip(job, "always_run: false and no change filter: runs only when started by hand");
      }
    }
    return out.decision(postsubmits);
  }

  private static List<Job> presubmitsOf(List<Job> jobs, String repo) {
    return jobs.stream()
        .filter(j -> j.type() == JobType.PRESUBMIT && j.repo().equals(Optional.of(repo)))
        .toList();
  }

  static String branchReason(Job job, String branch) {
    if (!job.skipBranches().isEmpty()
        && GoRegex.search(job.patterns().skipBranches().orElseThrow(), branch)) {
      return "branch " + branch + " matches skip_branches " + job.skipBranches();
    }
    return "branch " + branch + " does not match branches " + job.branches();
  }

  static String changeReason(Job job, String file) {
    return job.runIfChanged().isPresent()
        ? "run_if_changed matched " + file
        : "skip_if_only_changed does not match " + file;
  }

  static String noChangeReason(Job job, int files) {
    return job.runIfChanged().isPresent()
        ? "run_if_changed matched none of the " + files + " changed files"
        : "skip_if_only_changed matches every one of the " + files + " changed files";
  }

  /** How a filter selected a job: forced past its change filter, run by default, and why. */
  record Selection(boolean forced, boolean byDefault, String reason) {}

  /** The PR's changed files, noting once when they are unknown. */
  record Changes(List<String> files, boolean known) {
    static Changes of(TriggerFacts facts, Outcome out) {
      return new Changes(facts.changedFiles().orElse(List.of()), facts.changedFiles().isPresent());
    }
  }

  /** The decision under construction. */
  private static final class Outcome {
    final List<Decided> started = new ArrayList<>();
    final List<Decided> notStarted = new ArrayList<>();
    final List<String> notes = new ArrayList<>();
    Optional<Integer> abort = Optional.empty();
    boolean unknownChangesNoted;

    Outcome note(String note) {
      notes.add(note);
      return this;
    }

    void abort(int pr) {
      abort = Optional.of(pr);
      notes.add("aborts the running presubmits of PR #" + pr);
    }

    void start(Job job, String reason) {
      started.add(new Decided(job, reason));
    }

    void skip(Job job, String reason) {
      notStarted.add(new Decided(job, reason));
    }

    void unstartAll(String reason) {
      started.forEach(d -> notStarted.add(new Decided(d.job(), reason)));
      started.clear();
    }

    /** Prow's Presubmit.ShouldRun for a job a filter selected (or null when none did). */
    void judge(Job job, String branch, Changes changes, Selection selection, String unselected) {
      if (selection == null) {
        skip(job, unselected);
        return;
      }
      if (!job.runsAgainstBranch(branch)) {
        skip(job, branchReason(job, branch));
      } else if (job.alwaysRun()) {
        start(job, "always_run (" + selection.reason() + ")");
      } else if (selection.forced()) {
        start(job, selection.reason());
      } else if (job.hasChangeFilter()) {
        if (!changes.known() && !unknownChangesNoted) {
          unknownChangesNoted = true;
          note("the PR's changed files were not given: change filters see none");
        }
        Optional<String> file = job.fileThatTriggers(changes.files());
        if (file.isPresent()) {
          start(job, changeReason(job, file.get()) + " (" + selection.reason() + ")");
        } else if (selection.byDefault()) {
          start(job, selection.reason());
        } else {
          skip(job, noChangeReason(job, changes.files().size()));
        }
      } else if (selection.byDefault()) {
        start(job, selection.reason());
      } else {
        skip(job, "runs only when asked: " + job.rerunCommand().orElse(""));
      }
    }

    TriggerDecision decision(List<Job> considered) {
      Set<Job> decided = java.util.Collections.newSetFromMap(new java.util.IdentityHashMap<>());
      started.forEach(d -> decided.add(d.job()));
      notStarted.forEach(d -> decided.add(d.job()));
      for (Job job : considered) {
        if (!decided.contains(job)) {
          notStarted.add(new Decided(job, "the event does not start jobs"));
        }
      }
      return new TriggerDecision(started, notStarted, abort, notes);
    }
  }
}
