package dev.snoop.ci.report;

import static dev.snoop.db.jooq.snoop.Tables.PROW_JOB;

import dev.snoop.ci.config.JobType;
import dev.snoop.ci.run.JobRun;
import dev.snoop.ci.run.JobState;
import dev.snoop.ci.run.JobStore;
import dev.snoop.ci.run.Refs;
import dev.snoop.ci.trigger.EventTrigger;
import dev.snoop.github.GitHubApi;
import dev.snoop.github.GitHubException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.jooq.DSLContext;
import org.jooq.impl.DSL;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reports runs to GitHub as Prow's crier does: a commit status per context on every state change
 * ({@code pending} as soon as a run is triggered) and, when a presubmit completes, the PR's one
 * test-report comment brought up to date. Each state is reported once: the state reported is
 * remembered in the run's {@code prev_report_states}, written only after GitHub took it, so a crash
 * reports again rather than never. A failed call is retried on a later pass with a growing wait;
 * what GitHub will never take (a force-pushed commit, the 1,000 statuses limit) is dropped. A dry
 * run (the default) only logs what it would send.
 */
public final class GitHubReporter {
  private static final Logger log = LoggerFactory.getLogger(GitHubReporter.class);

  /** The reporter's name in {@code prev_report_states}, as Prow's crier names it. */
  public static final String NAME = EventTrigger.GITHUB_REPORTER;

  static final Duration FIRST_RETRY = Duration.ofSeconds(5);
  static final Duration LONGEST_RETRY = Duration.ofMinutes(10);
  private static final int BATCH = 200;

  private final GitHubApi github;
  private final boolean apply;
  private final Clock clock;
  private final Map<String, Retry> retries = new ConcurrentHashMap<>();
  private volatile String botLogin;

  private record Retry(Instant notBefore, Duration backoff) {}

  /**
   * @param apply send to GitHub; false logs what would be sent
   */
  public GitHubReporter(GitHubApi github, boolean apply, Clock clock) {
    this.github = github;
    this.apply = apply;
    this.clock = clock;
  }

  /**
   * One pass: reports every run whose state is not reported yet.
   *
   * @return how many runs it reported
   */
  public int reportPending(DSLContext sql) {
    int reported = 0;
    for (JobRun run : unreported(sql)) {
      Retry retry = retries.get(run.id());
      if (retry != null && clock.instant().isBefore(retry.notBefore())) {
        continue;
      }
      try {
        report(sql, run);
        retries.remove(run.id());
        reported++;
      } catch (GitHubException e) {
        if (neverTaken(e)) {
          log.warn(
              "{} {}: GitHub will not take it, not retried: {}",
              run.job(),
              run.id(),
              e.getMessage());
          remember(sql, run);
          retries.remove(run.id());
        } else {
          Duration wait =
              retry == null ? FIRST_RETRY : min(retry.backoff().multipliedBy(2), LONGEST_RETRY);
          retries.put(run.id(), new Retry(clock.instant().plus(wait), wait));
          log.warn(
              "{} {}: reporting failed, retrying in {}: {}",
              run.job(),
              run.id(),
              wait,
              e.getMessage());
        }
      }
    }
    return reported;
  }

  /** Presubmits and postsubmits that report and whose state this reporter has not reported. */
  private static List<JobRun> unreported(DSLContext sql) {
    List<String> ids =
        sql.select(PROW_JOB.ID)
            .from(PROW_JOB)
            .where(PROW_JOB.TYPE.in(JobType.PRESUBMIT.prowName(), JobType.POSTSUBMIT.prowName()))
            .and(PROW_JOB.ORG.isNotNull())
            .and(DSL.condition("({0}->>'report')::boolean", PROW_JOB.SPEC))
            .and(
                DSL.condition(
                    "({0}->>{1}) IS DISTINCT FROM {2}",
                    PROW_JOB.PREV_REPORT_STATES, DSL.inline(NAME), PROW_JOB.STATE))
            .orderBy(PROW_JOB.BUILD_ID)
            .limit(BATCH)
            .fetch(PROW_JOB.ID);
    List<JobRun> runs = new ArrayList<>();
    ids.forEach(id -> JobStore.find(sql, id).ifPresent(runs::add));
    return runs;
  }

  private void report(DSLContext sql, JobRun run) {
    Refs refs = run.refs().orElseThrow();
    Optional<String> sha =
        run.type() == JobType.PRESUBMIT ? refs.pull().map(Refs.Pull::sha) : refs.baseSha();
    if (sha.isEmpty()) {
      remember(sql, run); // nothing on GitHub to put a status on
      return;
    }
    GitHubApi.StatusUpdate status =
        new GitHubApi.StatusUpdate(
            run.context().orElse(run.job()),
            StatusText.state(run.state()),
            StatusText.description(run.description(), refs.baseSha().orElse("")),
            run.url());
    if (apply) {
      github.setStatus(refs.fullName(), sha.get(), status);
    } else {
      log.info(
          "dry run: would set {} on {}@{} to {} ({})",
          status.context(),
          refs.fullName(),
          sha.get(),
          status.state(),
          run.description());
    }
    if (run.type() == JobType.PRESUBMIT && run.complete()) {
      sql.transaction(tx -> updateComment(tx.dsl(), run, refs));
    }
    remember(sql, run);
  }

  /**
   * Brings the PR's test-report comment up to date with the newest complete run of each context on
   * its head commit, under a lock per PR (two engines editing one comment would leave two).
   */
  private void updateComment(DSLContext tx, JobRun run, Refs refs) {
    Refs.Pull pull = refs.pull().orElseThrow();
    tx.execute(
        "SELECT pg_advisory_xact_lock(hashtext({0}))",
        DSL.inline("test-report " + refs.fullName() + "#" + pull.number()));
    List<JobRun> failed = failedOnHead(tx, refs, pull);
    String repo = refs.fullName();
    if (!apply) {
      log.info(
          "dry run: the test-report comment on {}#{} would list {}",
          repo,
          pull.number(),
          failed.isEmpty() ? "nothing (and go)" : failed.stream().map(JobRun::job).toList());
      return;
    }
    String self = botLogin();
    List<GitHubApi.IssueComment> ours =
        github.comments(repo, pull.number()).stream()
            .filter(c -> c.authorLogin().equals(self))
            .filter(c -> c.body().contains(TestReportComment.MARKER))
            .toList();
    Optional<String> wanted =
        failed.isEmpty()
            ? Optional.empty()
            : Optional.of(TestReportComment.body(pull.author(), failed));
    boolean kept = false;
    for (GitHubApi.IssueComment comment : ours) {
      if (!kept && wanted.isPresent() && comment.body().equals(wanted.get())) {
        kept = true;
        continue;
      }
      github.deleteComment(repo, comment.id());
    }
    if (wanted.isPresent() && !kept) {
      github.postComment(repo, pull.number(), wanted.get());
    }
  }

  /** The newest complete run of each reporting context on the PR's head, where it failed. */
  private static List<JobRun> failedOnHead(DSLContext tx, Refs refs, Refs.Pull pull) {
    List<String> ids =
        tx
            .select(PROW_JOB.ID, PROW_JOB.STATE)
            .distinctOn(PROW_JOB.CONTEXT)
            .from(PROW_JOB)
            .where(PROW_JOB.ORG.eq(refs.org()))
            .and(PROW_JOB.REPO.eq(refs.repo()))
            .and(PROW_JOB.PULL_NUMBER.eq(pull.number()))
            .and(PROW_JOB.PULL_SHA.eq(pull.sha()))
            .and(PROW_JOB.TYPE.eq(JobType.PRESUBMIT.prowName()))
            .and(PROW_JOB.COMPLETION_TIME.isNotNull())
            .and(DSL.condition("({0}->>'report')::boolean", PROW_JOB.SPEC))
            .orderBy(PROW_JOB.CONTEXT, PROW_JOB.BUILD_ID.desc())
            .fetch()
            .stream()
            .filter(
                r ->
                    r.value2().equals(JobState.FAILURE.prowName())
                        || r.value2().equals(JobState.ERROR.prowName()))
            .map(r -> r.value1())
            .toList();
    List<JobRun> runs = new ArrayList<>();
    ids.forEach(id -> JobStore.find(tx, id).ifPresent(runs::add));
    return runs;
  }

  /** Records the run's current state as reported, unless the run moved on meanwhile. */
  private static void remember(DSLContext sql, JobRun run) {
    sql.update(PROW_JOB)
        .set(
            PROW_JOB.PREV_REPORT_STATES,
            DSL.field(
                "{0} || jsonb_build_object({1}, {2})",
                PROW_JOB.PREV_REPORT_STATES.getDataType(),
                PROW_JOB.PREV_REPORT_STATES,
                DSL.inline(NAME),
                DSL.val(run.state().prowName())))
        .where(PROW_JOB.ID.eq(run.id()))
        .and(PROW_JOB.STATE.eq(run.state().prowName()))
        .execute();
  }

  /** What GitHub refuses for good: the commit is gone (force-push) or has 1,000 statuses. */
  static boolean neverTaken(GitHubException e) {
    String message = e.getMessage() == null ? "" : e.getMessage();
    return e.status() == 404
        || (e.status() == 422
            && (message.contains("No commit found for SHA")
                || message.contains("maximum number of statuses")));
  }

  private String botLogin() {
    String login = botLogin;
    if (login == null) {
      login = github.authenticatedLogin();
      botLogin = login;
    }
    return login;
  }

  private static Duration min(Duration a, Duration b) {
    return a.compareTo(b) <= 0 ? a : b;
  }
}
