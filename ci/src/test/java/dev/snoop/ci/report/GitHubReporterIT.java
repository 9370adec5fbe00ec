package dev.snoop.ci.report;

import static org.assertj.core.api.Assertions.assertThat;

import dev.snoop.ci.config.Job;
import dev.snoop.ci.config.JobConfigLoader;
import dev.snoop.ci.config.ProwSettings;
import dev.snoop.ci.run.BuildIds;
import dev.snoop.ci.run.JobRun;
import dev.snoop.ci.run.JobState;
import dev.snoop.ci.run.JobStore;
import dev.snoop.ci.run.NewRuns;
import dev.snoop.ci.run.Refs;
import dev.snoop.db.Database;
import dev.snoop.db.testing.MigratedDatabase;
import dev.snoop.github.FakeGitHub;
import dev.snoop.github.GitHubClient;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/** Runs reported to a local GitHub: statuses once per state, the test-report comment, retries. */
@ExtendWith(MigratedDatabase.class)
class GitHubReporterIT {
  private static final String SPEC = "    spec: {containers: [{image: alpine, command: [echo]}]}\n";
  private static final String JOBS =
      "presubmits:\n  "
          + FakeGitHub.REPO
          + ":\n"
          + "  - name: unit\n    always_run: true\n"
          + SPEC
          + "  - name: lint\n    always_run: true\n    optional: true\n"
          + SPEC
          + "  - name: quiet\n    always_run: true\n    skip_report: true\n"
          + SPEC
          + "postsubmits:\n  "
          + FakeGitHub.REPO
          + ":\n"
          + "  - name: post-unit\n"
          + SPEC;
  private static final String HEAD = "6dcb09b5b57875f334f61aebed695e2e4193db5e";
  private static final String BASE = "9ac1c1e5b4e7d1ab0c8e3a3c2f25a41b7e19f0a2";

  private final Database db;
  private FakeGitHub github;
  private GitHubClient client;
  private Map<String, Job> jobs;
  private NewRuns newRuns;
  private Instant now = Instant.parse("2026-12-04T12:00:00Z");
  @TempDir Path dir;

  GitHubReporterIT(Database db) {
    this.db = db;
  }

  @BeforeEach
  void start() throws IOException {
    db.dsl().execute("TRUNCATE snoop.prow_job");
    github = new FakeGitHub();
    github.pr(3297, "Conformance results for v1.34/acme", HEAD);
    client =
        new GitHubClient(
            github.url(),
            Optional.of(FakeGitHub.TOKEN),
            new GitHubClient.Retries(1, Duration.ZERO, Duration.ZERO),
            d -> {},
            Clock.systemUTC());
    Path file = dir.resolve("jobs.yaml");
    Files.writeString(file, JOBS);
    jobs = new java.util.LinkedHashMap<>();
    JobConfigLoader.load(List.of(file), ProwSettings.NONE)
        .validJobs()
        .forEach(j -> jobs.put(j.name(), j));
    newRuns = new NewRuns(new BuildIds(Clock.systemUTC(), 2), Clock.systemUTC());
  }

  @AfterEach
  void stop() {
    github.close();
  }

  private GitHubReporter reporter(boolean apply) {
    return new GitHubReporter(
        client,
        apply,
        new Clock() {
          @Override
          public java.time.ZoneId getZone() {
            return ZoneOffset.UTC;
          }

          @Override
          public Clock withZone(java.time.ZoneId zone) {
            return this;
          }

          @Override
          public Instant instant() {
            return now;
          }
        });
  }

  private JobRun presubmit(String job) {
    Refs refs =
        new Refs(
            "cncf",
            "k8s-conformance",
            "master",
            Optional.of(BASE),
            List.of(new Refs.Pull(3297, "vendor-engineer", HEAD, Optional.of("t"))));
    JobRun run = newRuns.triggered(jobs.get(job), Optional.of(refs), "local", Optional.empty());
    JobStore.insert(db.dsl(), run);
    return run;
  }

  private JobRun finish(JobRun run, JobState state, String description) {
    JobRun stored = JobStore.find(db.dsl(), run.id()).orElseThrow();
    JobRun done =
        new JobRun(
            stored.id(),
            stored.job(),
            stored.type(),
            stored.buildId(),
            state,
            stored.context(),
            stored.refs(),
            stored.spec(),
            stored.labels(),
            stored.annotations(),
            stored.executor(),
            stored.startTime(),
            Optional.of(now),
            Optional.of(now),
            description,
            Optional.of("http://snoop.example/jobs/" + stored.job() + "/" + stored.buildIdText()),
            stored.podName(),
            stored.prevReportStates(),
            stored.owner(),
            stored.leaseUntil(),
            stored.eventGuid());
    assertThat(JobStore.replace(db.dsl(), stored.state(), done)).isTrue();
    return done;
  }

  private List<FakeGitHub.Request> statusWrites() {
    return github.writes().stream().filter(r -> r.path().contains("/statuses/")).toList();
  }

  @Test
  void aTriggeredRunIsPendingAtOnceAndEachStateIsReportedOnce() {
    JobRun run = presubmit("unit");
    GitHubReporter reporter = reporter(true);

    assertThat(reporter.reportPending(db.dsl())).isEqualTo(1);
    assertThat(reporter.reportPending(db.dsl())).isZero();

    FakeGitHub.Status status = github.statuses(HEAD).get(0);
    assertThat(status.context()).isEqualTo("unit");
    assertThat(status.state()).isEqualTo("pending");
    assertThat(status.description())
        .startsWith("Job triggered.")
        .endsWith(" BaseSHA:" + BASE)
        .hasSize(140);
    assertThat(statusWrites()).hasSize(1);
    assertThat(JobStore.find(db.dsl(), run.id()).orElseThrow().prevReportStates())
        .containsEntry(GitHubReporter.NAME, "triggered");

    finish(run, JobState.SUCCESS, "Job succeeded.");
    reporter.reportPending(db.dsl());
    assertThat(github.statuses(HEAD).get(0).state()).isEqualTo("success");
    assertThat(statusWrites()).hasSize(2);
    assertThat(statusWrites().get(1).body())
        .contains("\"target_url\":\"http://snoop.example/jobs/unit/");
  }

  @Test
  void failedPresubmitsAreListedInOneCommentThatGoesWhenTheyPass() {
    JobRun unit = presubmit("unit");
    JobRun lint = presubmit("lint");
    finish(unit, JobState.FAILURE, "Job failed.");
    finish(lint, JobState.ERROR, "Job errored.");
    reporter(true).reportPending(db.dsl());

    List<FakeGitHub.Comment> comments = github.pr(3297).comments;
    assertThat(comments).hasSize(1);
    String body = comments.get(0).body();
    assertThat(body)
        .startsWith("@vendor-engineer: The following tests **failed**")
        .contains("Test name | Commit | Details | Required | Rerun command")
        .contains("unit | 6dcb09b | [link](http://snoop.example/jobs/unit/")
        .contains("| true | `/test unit`")
        .contains("lint | 6dcb09b")
        .contains("| false | `/test lint`")
        .endsWith(TestReportComment.MARKER);
    assertThat(comments.get(0).login()).isEqualTo(FakeGitHub.LOGIN);

    // /retest: unit passes; the comment is rewritten without it
    JobRun again = presubmit("unit");
    finish(again, JobState.SUCCESS, "Job succeeded.");
    reporter(true).reportPending(db.dsl());
    assertThat(github.pr(3297).comments).hasSize(1);
    assertThat(github.pr(3297).comments.get(0).body()).doesNotContain("unit |").contains("lint |");

    JobRun lintAgain = presubmit("lint");
    finish(lintAgain, JobState.SUCCESS, "Job succeeded.");
    reporter(true).reportPending(db.dsl());
    assertThat(github.pr(3297).comments).as("no failure left: the comment goes").isEmpty();
  }

  @Test
  void aSupersededRunIsNeverReportedAsAborted() {
    JobRun run = presubmit("unit");
    JobStore.supersede(db.dsl(), run.id(), "Aborted by trigger plugin.", GitHubReporter.NAME);
    assertThat(reporter(true).reportPending(db.dsl())).isZero();
    assertThat(statusWrites()).isEmpty();
  }

  @Test
  void skipReportJobsAndPeriodicsAreNotReported() {
    presubmit("quiet");
    assertThat(reporter(true).reportPending(db.dsl())).isZero();
    assertThat(github.writes()).isEmpty();
  }

  @Test
  void aPostsubmitReportsOnItsBaseCommit() {
    Refs refs = new Refs("cncf", "k8s-conformance", "main", Optional.of(BASE), List.of());
    JobStore.insert(
        db.dsl(),
        newRuns.triggered(jobs.get("post-unit"), Optional.of(refs), "local", Optional.empty()));
    reporter(true).reportPending(db.dsl());
    assertThat(github.statuses(BASE))
        .extracting(FakeGitHub.Status::context)
        .containsExactly("post-unit");
  }

  @Test
  void aDryRunSendsNothing() {
    JobRun run = presubmit("unit");
    finish(run, JobState.FAILURE, "Job failed.");
    assertThat(reporter(false).reportPending(db.dsl())).isEqualTo(1);
    assertThat(github.writes()).isEmpty();
  }

  @Test
  void aServerErrorIsRetriedLaterAndAGoneCommitIsDropped() {
    JobRun run = presubmit("unit");
    GitHubReporter reporter = reporter(true);
    github.failNext("/repos/cncf/k8s-conformance/statuses/", 502, Map.of(), "error-server");

    assertThat(reporter.reportPending(db.dsl())).isZero();
    assertThat(JobStore.find(db.dsl(), run.id()).orElseThrow().prevReportStates()).isEmpty();
    assertThat(reporter.reportPending(db.dsl())).as("not before its retry time").isZero();
    now = now.plus(GitHubReporter.FIRST_RETRY);
    assertThat(reporter.reportPending(db.dsl())).isEqualTo(1);
    assertThat(github.statuses(HEAD)).hasSize(1);

    finish(run, JobState.FAILURE, "Job failed.");
    github.failNext("/repos/cncf/k8s-conformance/statuses/", 422, Map.of(), "error-no-commit");
    reporter.reportPending(db.dsl());
    assertThat(JobStore.find(db.dsl(), run.id()).orElseThrow().prevReportStates())
        .as("a force-pushed commit takes no status: given up, not retried forever")
        .containsEntry(GitHubReporter.NAME, "failure");
  }

  @Test
  void statusDescriptionsKeepProwsShape() {
    assertThat(StatusText.description("Job succeeded.", "")).isEqualTo("Job succeeded.");
    String long140 = "x".repeat(200);
    String withSha = StatusText.description(long140, BASE);
    assertThat(withSha).hasSize(140).endsWith(" BaseSHA:" + BASE).startsWith("x".repeat(91));
    assertThat(StatusText.state(JobState.ABORTED)).isEqualTo("failure");
    assertThat(StatusText.state(JobState.TRIGGERED)).isEqualTo("pending");
    assertThat(StatusText.state(JobState.ERROR)).isEqualTo("error");
  }
}
