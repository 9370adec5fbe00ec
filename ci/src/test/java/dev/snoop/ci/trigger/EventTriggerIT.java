package dev.snoop.ci.trigger;

import static org.assertj.core.api.Assertions.assertThat;

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
import dev.snoop.db.testing.SharedData;
import dev.snoop.github.FakeGitHub;
import dev.snoop.github.GitHubClient;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * GitHub's real webhook payloads (octokit's examples, their repository renamed to the one the local
 * GitHub serves) turned into stored runs, with trust, changed files and statuses asked of a local
 * GitHub.
 */
@ExtendWith(MigratedDatabase.class)
class EventTriggerIT {
  private static final String REPO = FakeGitHub.REPO;
  private static final String SPEC = "    spec: {containers: [{image: alpine, command: [echo]}]}\n";
  private static final String JOBS =
      "presubmits:\n  "
          + REPO
          + ":\n"
          + "  - name: unit\n    always_run: true\n"
          + SPEC
          + "  - name: docs\n    run_if_changed: '^docs/'\n"
          + SPEC
          + "  - name: e2e\n"
          + SPEC
          + "postsubmits:\n  "
          + REPO
          + ":\n"
          + "  - name: post-unit\n    branches: [main]\n"
          + SPEC;

  private final Database db;
  private FakeGitHub github;
  private EventTrigger trigger;
  private GitHubClient client;
  private List<dev.snoop.ci.config.Job> jobs;
  @TempDir Path dir;

  EventTriggerIT(Database db) {
    this.db = db;
  }

  @BeforeEach
  void start() throws IOException {
    db.dsl().execute("TRUNCATE snoop.prow_job");
    github = new FakeGitHub();
    Path file = dir.resolve("jobs.yaml");
    Files.writeString(file, JOBS);
    jobs = JobConfigLoader.load(List.of(file), ProwSettings.NONE).validJobs();
    client =
        new GitHubClient(
            github.url(),
            Optional.of(FakeGitHub.TOKEN),
            new GitHubClient.Retries(1, Duration.ZERO, Duration.ZERO),
            d -> {},
            Clock.systemUTC());
    trigger =
        new EventTrigger(
            () -> jobs,
            client,
            new GitHubFacts(client, Clock.systemUTC()),
            new NewRuns(new BuildIds(Clock.systemUTC(), 3), Clock.systemUTC()),
            "local",
            true);
  }

  @AfterEach
  void stop() {
    github.close();
  }

  /** A real payload, its repository renamed to the local GitHub's. */
  private static JsonNode payload(String path) throws IOException {
    String text = Files.readString(SharedData.path("prow/webhooks/" + path));
    return JsonMapper.shared()
        .readTree(
            text.replace("Codertocat/Hello-World", REPO)
                .replace("\"Hello-World\"", "\"k8s-conformance\""));
  }

  /**
   * Octokit's comment example is on an issue; GitHub marks a comment on a pull request with {@code
   * issue.pull_request}, added here.
   */
  private static JsonNode pullRequestComment(String body) throws IOException {
    JsonNode comment = payload("octokit/issue_comment/created.payload.json");
    ((ObjectNode) comment.path("comment")).put("body", body);
    ((ObjectNode) comment.path("issue"))
        .putObject("pull_request")
        .put("url", "https://api.github.com/repos/" + REPO + "/pulls/1");
    return comment;
  }

  private EventTrigger.Outcome deliver(String event, String payloadPath, String guid)
      throws IOException {
    JsonNode payload = payload(payloadPath);
    return db.dsl().transactionResult(tx -> trigger.accept(event, guid, payload, tx.dsl()));
  }

  private List<JobRun> runs() {
    return db.dsl()
        .selectFrom(dev.snoop.db.jooq.snoop.Tables.PROW_JOB)
        .orderBy(dev.snoop.db.jooq.snoop.Tables.PROW_JOB.BUILD_ID)
        .fetch()
        .map(r -> JobStore.find(db.dsl(), r.getId()).orElseThrow());
  }

  @Test
  void aTrustedAuthorsNewPullRequestStartsItsAutomaticJobsWithRefsFromThePayload()
      throws IOException {
    github.addOrgMember("Codertocat");
    github
        .pr(
            2,
            "Update the README with new information.",
            "ec26c3e57ca3a959ca5aad62de7213c562f8c821")
        .files
        .put("README.md", "x".getBytes());

    EventTrigger.Outcome outcome =
        deliver("pull_request", "octokit/pull_request/opened.payload.json", "guid-opened");

    assertThat(outcome.started()).extracting(JobRun::job).containsExactly("unit");
    JobRun run = runs().get(0);
    assertThat(run.state()).isEqualTo(JobState.TRIGGERED);
    assertThat(run.eventGuid()).contains("guid-opened");
    Refs refs = run.refs().orElseThrow();
    assertThat(refs.fullName()).isEqualTo(REPO);
    assertThat(refs.baseRef()).isEqualTo("master");
    assertThat(refs.baseSha()).contains("f95f852bd8fca8fcc58a9a2d6c842781e32a215e");
    assertThat(refs.pull().orElseThrow())
        .isEqualTo(
            new Refs.Pull(
                2,
                "Codertocat",
                "ec26c3e57ca3a959ca5aad62de7213c562f8c821",
                Optional.of("Update the README with new information.")));
    assertThat(outcome.summary()).isEqualTo("started unit");
  }

  @Test
  void aChangedFileStartsTheJobThatFiltersOnIt() throws IOException {
    github.addCollaborator("Codertocat");
    github
        .pr(2, "docs", "ec26c3e57ca3a959ca5aad62de7213c562f8c821")
        .files
        .put("docs/a.md", "x".getBytes());

    EventTrigger.Outcome outcome =
        deliver("pull_request", "octokit/pull_request/opened.payload.json", "guid-docs");

    assertThat(outcome.started()).extracting(JobRun::job).containsExactlyInAnyOrder("unit", "docs");
  }

  @Test
  void anUntrustedAuthorStartsNothing() throws IOException {
    github.pr(2, "t", "ec26c3e57ca3a959ca5aad62de7213c562f8c821");
    EventTrigger.Outcome outcome =
        deliver("pull_request", "octokit/pull_request/opened.payload.json", "guid-untrusted");
    assertThat(outcome.started()).isEmpty();
    assertThat(runs()).isEmpty();
    assertThat(outcome.summary()).contains("not trusted");
  }

  @Test
  void aNewPushAbortsThePullRequestsRunsAndStartsNewOnes() throws IOException {
    github.addOrgMember("Codertocat");
    github.pr(2, "t", "ec26c3e57ca3a959ca5aad62de7213c562f8c821");
    deliver("pull_request", "octokit/pull_request/opened.payload.json", "guid-1");
    JobRun first = runs().get(0);

    EventTrigger.Outcome outcome =
        deliver("pull_request", "octokit/pull_request/synchronize.payload.json", "guid-2");

    assertThat(outcome.aborted()).containsExactly(first.id());
    JobRun old = JobStore.find(db.dsl(), first.id()).orElseThrow();
    assertThat(old.state()).isEqualTo(JobState.ABORTED);
    assertThat(old.description()).isEqualTo("Aborted by trigger plugin.");
    assertThat(old.prevReportStates()).containsEntry(EventTrigger.GITHUB_REPORTER, "aborted");
    assertThat(outcome.started()).extracting(JobRun::job).containsExactly("unit");
  }

  @Test
  void closingThePullRequestAbortsItsRuns() throws IOException {
    github.addOrgMember("Codertocat");
    github.pr(2, "t", "ec26c3e57ca3a959ca5aad62de7213c562f8c821");
    deliver("pull_request", "octokit/pull_request/opened.payload.json", "guid-1");

    EventTrigger.Outcome outcome =
        deliver("pull_request", "octokit/pull_request/closed.payload.json", "guid-closed");

    assertThat(outcome.started()).isEmpty();
    assertThat(outcome.aborted()).hasSize(1);
    assertThat(runs()).extracting(JobRun::state).containsExactly(JobState.ABORTED);
  }

  @Test
  void aTestCommentStartsTheNamedJobAgainstThePullRequestsHeadAndReplacesItsOlderRun()
      throws IOException {
    github.addOrgMember("Codertocat");
    FakeGitHub.Pr pr = github.pr(1, "Update the README", "abc123");
    pr.author = "someone";
    JsonNode comment = pullRequestComment("/test e2e");

    EventTrigger.Outcome first =
        db.dsl().transactionResult(tx -> trigger.accept("issue_comment", "c1", comment, tx.dsl()));
    EventTrigger.Outcome second =
        db.dsl().transactionResult(tx -> trigger.accept("issue_comment", "c2", comment, tx.dsl()));

    assertThat(first.started()).extracting(JobRun::job).containsExactly("e2e");
    JobRun run = first.started().get(0);
    assertThat(run.refs().orElseThrow().pull().orElseThrow().sha()).isEqualTo("abc123");
    assertThat(run.refs().orElseThrow().pull().orElseThrow().author()).isEqualTo("someone");
    assertThat(second.aborted()).containsExactly(run.id());
    assertThat(JobStore.find(db.dsl(), run.id()).orElseThrow().description())
        .isEqualTo("Superseded by a newer run of the job.");
  }

  @Test
  void retestStartsTheJobsWhoseContextFailed() throws IOException {
    github.addOrgMember("Codertocat");
    github.pr(1, "t", "abc123");
    github.addStatus("abc123", new FakeGitHub.Status("failure", "Job failed.", "e2e", "snoop-bot"));
    github.addStatus(
        "abc123", new FakeGitHub.Status("success", "Job succeeded.", "unit", "snoop-bot"));
    JsonNode comment = pullRequestComment("/retest");

    EventTrigger.Outcome outcome =
        db.dsl().transactionResult(tx -> trigger.accept("issue_comment", "r1", comment, tx.dsl()));

    assertThat(outcome.started()).extracting(JobRun::job).containsExactly("e2e");
  }

  @Test
  void anUntrustedCommentOnAnUntrustedPullRequestStartsNothing() throws IOException {
    FakeGitHub.Pr pr = github.pr(1, "t", "abc123");
    pr.author = "stranger";
    JsonNode comment = pullRequestComment("/test e2e");
    ((ObjectNode) comment.path("issue").path("user")).put("login", "stranger");

    EventTrigger.Outcome outcome =
        db.dsl().transactionResult(tx -> trigger.accept("issue_comment", "u1", comment, tx.dsl()));

    assertThat(outcome.started()).isEmpty();
    assertThat(runs()).isEmpty();
  }

  @Test
  void aPushStartsThePostsubmitsOfItsBranchAtTheNewCommit() throws IOException {
    JsonNode push = payload("octokit/push/payload.json");
    var p = (ObjectNode) push;
    ((ObjectNode) p.path("repository").path("owner")).put("login", "cncf");
    p.put("ref", "refs/heads/main");
    p.put("after", "1111111111111111111111111111111111111111");
    p.put("deleted", false);

    EventTrigger.Outcome outcome =
        db.dsl().transactionResult(tx -> trigger.accept("push", "p1", push, tx.dsl()));

    assertThat(outcome.started()).extracting(JobRun::job).containsExactly("post-unit");
    Refs refs = outcome.started().get(0).refs().orElseThrow();
    assertThat(refs.baseRef()).isEqualTo("main");
    assertThat(refs.baseSha()).contains("1111111111111111111111111111111111111111");
    assertThat(refs.pulls()).isEmpty();
  }

  @Test
  void aDeletedTagStartsNothing() throws IOException {
    EventTrigger.Outcome outcome = deliver("push", "octokit/push/payload.json", "p2");
    assertThat(outcome.started()).isEmpty();
  }

  @Test
  void anEventOfAnotherRepositoryOrKindStartsNothing() throws IOException {
    JsonNode ping =
        JsonMapper.shared()
            .readTree(Files.readString(SharedData.path("prow/webhooks/octokit/ping/payload.json")));
    EventTrigger.Outcome outcome =
        db.dsl().transactionResult(tx -> trigger.accept("ping", "x", ping, tx.dsl()));
    assertThat(outcome.started()).isEmpty();
    assertThat(outcome.summary()).startsWith("nothing to run");
  }

  @Test
  void theCatchUpSweepStartsRunsForPullRequestsWhoseHeadHasNone() {
    github.addOrgMember("vendor-engineer");
    github.pr(7, "missed while down", "sha7");
    github.pr(8, "already run", "sha8");
    // a run of #8's head exists already; #7 was pushed while the hook was down
    Refs refs8 =
        new Refs(
            "cncf",
            "k8s-conformance",
            "master",
            Optional.empty(),
            List.of(new Refs.Pull(8, "vendor-engineer", "sha8", Optional.empty())));
    JobStore.insert(
        db.dsl(),
        new NewRuns(new BuildIds(Clock.systemUTC(), 4), Clock.systemUTC())
            .triggered(jobs.get(0), Optional.of(refs8), "local", Optional.empty()));
    CatchUp catchUp =
        new CatchUp(() -> jobs, client, new GitHubFacts(client, Clock.systemUTC()), trigger);

    assertThat(catchUp.sweep(db.dsl())).isEqualTo(1);
    assertThat(runs())
        .extracting(r -> r.refs().orElseThrow().pull().orElseThrow().number())
        .containsExactly(8, 7);
    assertThat(catchUp.sweep(db.dsl())).as("a second sweep finds every head run").isZero();
  }

  @Test
  void aTrustedOkToTestLabelsThePullRequestAndStartsItsJobs() throws IOException {
    github.addOrgMember("Codertocat");
    FakeGitHub.Pr pr = github.pr(1, "from a newcomer", "abc123");
    pr.author = "newcomer";
    pr.labels.add("needs-ok-to-test");
    JsonNode comment = pullRequestComment("/ok-to-test");
    ((ObjectNode) comment.path("issue").path("user")).put("login", "newcomer");
    ((ObjectNode) comment.path("issue"))
        .putArray("labels")
        .addObject()
        .put("name", "needs-ok-to-test");

    EventTrigger.Outcome outcome =
        db.dsl().transactionResult(tx -> trigger.accept("issue_comment", "ok1", comment, tx.dsl()));

    assertThat(outcome.started()).extracting(JobRun::job).containsExactly("unit");
    assertThat(github.pr(1).labels).containsExactly("ok-to-test");
  }
}
