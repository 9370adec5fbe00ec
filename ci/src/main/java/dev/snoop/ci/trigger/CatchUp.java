package dev.snoop.ci.trigger;

import static dev.snoop.db.jooq.snoop.Tables.PROW_JOB;

import dev.snoop.ci.config.Job;
import dev.snoop.ci.config.JobType;
import dev.snoop.github.GitHubApi;
import dev.snoop.github.GitHubException;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;
import org.jooq.DSLContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The sweep an engine makes when it starts: Prow loses every event that arrives while its hook is
 * down, so here each open pull request of a repository with presubmits is looked at, and one whose
 * head commit has no run yet is treated as if GitHub had just announced that push (its older runs
 * aborted, its automatic jobs started, by the same rules as the webhook).
 */
public final class CatchUp {
  private static final Logger log = LoggerFactory.getLogger(CatchUp.class);

  private final Supplier<List<Job>> jobs;
  private final GitHubApi github;
  private final GitHubFacts facts;
  private final EventTrigger trigger;

  public CatchUp(
      Supplier<List<Job>> jobs, GitHubApi github, GitHubFacts facts, EventTrigger trigger) {
    this.jobs = jobs;
    this.github = github;
    this.facts = facts;
    this.trigger = trigger;
  }

  /**
   * Sweeps every repository once.
   *
   * @return the runs it started
   */
  public int sweep(DSLContext sql) {
    List<Job> all = jobs.get();
    Set<String> repos = new LinkedHashSet<>();
    all.stream()
        .filter(j -> j.type() == JobType.PRESUBMIT)
        .forEach(j -> j.repo().ifPresent(repos::add));
    int started = 0;
    for (String repo : repos) {
      try {
        for (int number : github.openPullRequests(repo)) {
          started += catchUp(sql, repo, github.pullRequest(repo, number), all);
        }
      } catch (GitHubException e) {
        log.warn("catch-up sweep of {}: {}; the next start sweeps again", repo, e.getMessage());
      }
    }
    return started;
  }

  private int catchUp(DSLContext sql, String repo, GitHubApi.PullRequest pr, List<Job> all) {
    String[] orgRepo = repo.split("/", 2);
    boolean seen =
        sql.fetchExists(
            PROW_JOB,
            PROW_JOB
                .ORG
                .eq(orgRepo[0])
                .and(PROW_JOB.REPO.eq(orgRepo[1]))
                .and(PROW_JOB.PULL_NUMBER.eq(pr.number()))
                .and(PROW_JOB.PULL_SHA.eq(pr.headSha())));
    if (seen) {
      return 0;
    }
    GitHubEvent.PullRequestEvent push =
        new GitHubEvent.PullRequestEvent(
            "synchronize",
            repo,
            pr.number(),
            pr.author(),
            pr.author(),
            false,
            pr.baseRef(),
            pr.headSha(),
            Set.copyOf(pr.labels()),
            Optional.empty(),
            false,
            Optional.empty());
    TriggerDecision decision = TriggerRules.decide(push, all, facts.of(push, Optional.of(pr), all));
    EventTrigger.Outcome outcome =
        sql.transactionResult(
            tx -> trigger.apply(push, decision, Optional.of(pr), Optional.empty(), tx.dsl()));
    if (!outcome.started().isEmpty()) {
      log.info(
          "catch-up: {}#{} at {} had no run: {}",
          repo,
          pr.number(),
          pr.headSha(),
          outcome.summary());
    }
    return outcome.started().size();
  }
}
