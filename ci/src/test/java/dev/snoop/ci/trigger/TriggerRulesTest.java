package dev.snoop.ci.trigger;

import static org.assertj.core.api.Assertions.assertThat;

import dev.snoop.ci.config.Job;
import dev.snoop.ci.config.JobConfigLoader;
import dev.snoop.ci.config.ProwSettings;
import dev.snoop.ci.config.RealJobFiles;
import dev.snoop.ci.trigger.GitHubEvent.IssueCommentEvent;
import dev.snoop.db.testing.SharedData;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Trigger decisions on GitHub's and Prow's real webhook payloads: jobs of our own for the octokit
 * examples' Codertocat/Hello-World, and kubernetes/test-infra's real jobs for Prow's phony
 * payloads.
 */
class TriggerRulesTest {
  private static final String SPEC = "    spec: {containers: [{image: alpine, command: [echo]}]}\n";

  /** Hello-World's presubmits: one of each kind of run condition, and one on another branch. */
  private static final String HELLO_WORLD =
      "presubmits:\n  Codertocat/Hello-World:\n"
          + "  - name: unit\n    always_run: true\n"
          + SPEC
          + "  - name: docs\n    run_if_changed: '^docs/'\n"
          + SPEC
          + "  - name: build\n    skip_if_only_changed: '\\.md$'\n"
          + SPEC
          + "  - name: e2e\n    optional: true\n"
          + SPEC
          + "  - name: release-only\n    always_run: true\n    branches: ['^release-']\n"
          + SPEC;

  @TempDir Path dir;

  private List<Job> helloWorldJobs() throws IOException {
    Path file = dir.resolve("hello.yaml");
    Files.writeString(file, HELLO_WORLD);
    return JobConfigLoader.load(List.of(file), ProwSettings.NONE).validJobs();
  }

  private static List<Job> testInfraJobs() {
    return JobConfigLoader.load(RealJobFiles.all(), ProwSettings.NONE).validJobs();
  }

  private static GitHubEvent event(String kind, String payload) {
    return GitHubEvent.read(kind, SharedData.path("prow/webhooks/" + payload));
  }

  private static TriggerFacts facts(Set<String> trusted, List<String> changed) {
    return new TriggerFacts(
        Optional.of(changed), Map.of(), trusted, Optional.empty(), Optional.empty());
  }

  private static List<String> started(TriggerDecision d) {
    return d.started().stream().map(s -> s.job().name()).toList();
  }

  private static String reason(TriggerDecision d, String job) {
    return java.util.stream.Stream.concat(d.started().stream(), d.notStarted().stream())
        .filter(s -> s.job().name().equals(job))
        .findFirst()
        .orElseThrow()
        .reason();
  }

  @Test
  void aTrustedAuthorsNewPullRequestStartsItsAutomaticJobs() throws IOException {
    GitHubEvent opened = event("pull_request", "octokit/pull_request/opened.payload.json");
    TriggerDecision d =
        TriggerRules.decide(
            opened, helloWorldJobs(), facts(Set.of("Codertocat"), List.of("docs/a.md")));
    assertThat(started(d)).containsExactly("unit", "docs");
    assertThat(reason(d, "unit")).startsWith("always_run");
    assertThat(reason(d, "docs")).startsWith("run_if_changed matched docs/a.md");
    assertThat(reason(d, "build")).contains("skip_if_only_changed matches every one");
    assertThat(reason(d, "e2e")).isEqualTo("runs only when asked: /test e2e");
    assertThat(reason(d, "release-only")).contains("branch master does not match branches");
    assertThat(d.abortsPullRequest()).isEmpty();
  }

  @Test
  void skipIfOnlyChangedRunsWhenAnyFileIsOutsideItsPattern() throws IOException {
    GitHubEvent opened = event("pull_request", "octokit/pull_request/opened.payload.json");
    TriggerDecision d =
        TriggerRules.decide(
            opened, helloWorldJobs(), facts(Set.of("Codertocat"), List.of("README.md", "main.go")));
    assertThat(started(d)).containsExactly("unit", "build");
    assertThat(reason(d, "build")).startsWith("skip_if_only_changed does not match main.go");
  }

  @Test
  void anUntrustedAuthorNeedsOkToTest() throws IOException {
    GitHubEvent opened = event("pull_request", "octokit/pull_request/opened.payload.json");
    TriggerDecision d = TriggerRules.decide(opened, helloWorldJobs(), facts(Set.of(), List.of()));
    assertThat(d.started()).isEmpty();
    assertThat(d.notes()).anyMatch(n -> n.contains("not trusted") && n.contains("/ok-to-test"));
  }

  @Test
  void aNewPushAbortsTheRunningJobsAndStartsThemAgain() throws IOException {
    GitHubEvent sync = event("pull_request", "octokit/pull_request/synchronize.payload.json");
    TriggerDecision d =
        TriggerRules.decide(sync, helloWorldJobs(), facts(Set.of("Codertocat"), List.of()));
    assertThat(d.abortsPullRequest()).contains(2);
    assertThat(started(d)).containsExactly("unit");
    TriggerDecision untrusted =
        TriggerRules.decide(sync, helloWorldJobs(), facts(Set.of(), List.of()));
    assertThat(untrusted.abortsPullRequest()).contains(2);
    assertThat(untrusted.started()).isEmpty();
  }

  @Test
  void closingAbortsAndStartsNothing() throws IOException {
    GitHubEvent closed = event("pull_request", "octokit/pull_request/closed.payload.json");
    TriggerDecision d =
        TriggerRules.decide(closed, helloWorldJobs(), facts(Set.of("Codertocat"), List.of()));
    assertThat(d.abortsPullRequest()).contains(2);
    assertThat(d.started()).isEmpty();
  }

  @Test
  void reopenedIsLikeOpenedForTrustedAuthors() throws IOException {
    GitHubEvent reopened = event("pull_request", "octokit/pull_request/reopened.payload.json");
    assertThat(
            started(
                TriggerRules.decide(
                    reopened, helloWorldJobs(), facts(Set.of("Codertocat"), List.of()))))
        .containsExactly("unit");
    assertThat(
            TriggerRules.decide(reopened, helloWorldJobs(), facts(Set.of(), List.of())).started())
        .isEmpty();
  }

  @Test
  void aLabelOtherThanLgtmOrOkToTestStartsNothing() throws IOException {
    GitHubEvent labeled = event("pull_request", "octokit/pull_request/labeled.payload.json");
    TriggerDecision d =
        TriggerRules.decide(labeled, helloWorldJobs(), facts(Set.of("Codertocat"), List.of()));
    assertThat(d.started()).isEmpty();
    assertThat(d.notes()).contains("the label bug starts nothing");
  }

  @Test
  void prowsPhonyPullRequestWithActionCreatedStartsNothing() {
    GitHubEvent created = event("pull_request", "prow-phony/opened_pr.json");
    TriggerDecision d =
        TriggerRules.decide(created, testInfraJobs(), facts(Set.of("crimsonfaith91"), List.of()));
    assertThat(d.started()).isEmpty();
    assertThat(d.notes()).contains("the pull_request action created starts nothing");
  }

  @Test
  void aCommentOnAnIssueStartsNothing() throws IOException {
    GitHubEvent comment = event("issue_comment", "octokit/issue_comment/created.payload.json");
    TriggerDecision d =
        TriggerRules.decide(comment, helloWorldJobs(), facts(Set.of("Codertocat"), List.of()));
    assertThat(d.started()).isEmpty();
    assertThat(d.notes()).contains("a comment on an issue, not a pull request");
  }

  @Test
  void aCommentWithoutACommandStartsNothing() {
    GitHubEvent comment = event("issue_comment", "prow-phony/test_comment.json"); // "/area kubectl"
    TriggerDecision d =
        TriggerRules.decide(comment, testInfraJobs(), facts(Set.of("spxtr"), List.of()));
    assertThat(d.started()).isEmpty();
    assertThat(d.notes()).contains("the comment has no command that starts jobs");
  }

  private static IssueCommentEvent testInfraComment(String body) {
    return ((IssueCommentEvent) event("issue_comment", "prow-phony/test_comment.json"))
        .withBody(body);
  }

  @Test
  void slashTestStartsTheNamedJobWhateverItsChangeFilter() {
    TriggerDecision d =
        TriggerRules.decide(
            testInfraComment("/test pull-test-infra-verify-cri-o"),
            testInfraJobs(),
            facts(Set.of("spxtr"), List.of()));
    assertThat(started(d)).containsExactly("pull-test-infra-verify-cri-o");
    assertThat(reason(d, "pull-test-infra-verify-cri-o")).contains("matches its trigger");
  }

  @Test
  void slashTestInACodeBlockIsNotACommand() {
    TriggerDecision d =
        TriggerRules.decide(
            testInfraComment("see:\n```\n/test pull-test-infra-verify-cri-o\n```\n"),
            testInfraJobs(),
            facts(Set.of("spxtr"), List.of()));
    assertThat(d.started()).isEmpty();
  }

  @Test
  void slashTestAllStartsTheAutomaticJobsUnderTheirChangeFilters() {
    TriggerDecision d =
        TriggerRules.decide(
            testInfraComment("/test all"),
            testInfraJobs(),
            facts(Set.of("spxtr"), List.of("config/jobs/foo/bar.yaml")));
    assertThat(started(d))
        .containsExactlyInAnyOrder(
            "pull-test-infra-unit-test",
            "pull-test-infra-verify-lint",
            "pull-test-infra-gubernator",
            "pull-test-infra-prow-checkconfig");
    assertThat(reason(d, "pull-test-infra-kubekins-e2e-v2-image-build"))
        .contains("run_if_changed matched none");
  }

  @Test
  void retestReRunsFailedContextsAndAutomaticJobsNotYetReported() {
    TriggerFacts facts =
        new TriggerFacts(
            Optional.of(List.of("README.md")),
            Map.of(
                "pull-test-infra-verify-cri-o", "failure",
                "pull-test-infra-verify-lint", "success",
                "pull-test-infra-unit-test", "error"),
            Set.of("spxtr"),
            Optional.empty(),
            Optional.empty());
    TriggerDecision d = TriggerRules.decide(testInfraComment("/retest"), testInfraJobs(), facts);
    assertThat(started(d))
        .containsExactlyInAnyOrder("pull-test-infra-verify-cri-o", "pull-test-infra-unit-test");
    assertThat(reason(d, "pull-test-infra-verify-cri-o"))
        .contains("/retest: its context pull-test-infra-verify-cri-o is failure");
    assertThat(reason(d, "pull-test-infra-verify-lint"))
        .isEqualTo("the comment does not ask for it");
    assertThat(reason(d, "pull-test-infra-gubernator")).contains("run_if_changed matched none");
  }

  @Test
  void anUntrustedCommenterOnAnUntrustedPullRequestIsRefused() {
    TriggerDecision d =
        TriggerRules.decide(
            testInfraComment("/test all"), testInfraJobs(), facts(Set.of(), List.of()));
    assertThat(d.started()).isEmpty();
    assertThat(d.notes()).anyMatch(n -> n.contains("Cannot trigger testing until a trusted user"));
  }

  @Test
  void okToTestFromATrustedMemberStartsTheAutomaticJobs() {
    IssueCommentEvent ok = testInfraComment("/ok-to-test");
    IssueCommentEvent byMember =
        new IssueCommentEvent(
            ok.action(),
            ok.repo(),
            ok.number(),
            ok.onPullRequest(),
            ok.state(),
            "member",
            "newcomer",
            ok.body(),
            ok.labels(),
            ok.defaultBranch());
    TriggerDecision d =
        TriggerRules.decide(byMember, testInfraJobs(), facts(Set.of("member"), List.of()));
    assertThat(started(d))
        .containsExactlyInAnyOrder("pull-test-infra-unit-test", "pull-test-infra-verify-lint");
    assertThat(d.notes()).anyMatch(n -> n.startsWith("/ok-to-test"));
  }

  @Test
  void slashTestOfAnUnknownJobGetsTheHelpReply() {
    TriggerDecision d =
        TriggerRules.decide(
            testInfraComment("/test no-such-job"),
            testInfraJobs(),
            facts(Set.of("spxtr"), List.of()));
    assertThat(d.started()).isEmpty();
    assertThat(d.notes()).contains("The specified target(s) for `/test` were not found.");
  }

  @Test
  void aPushStartsThePostsubmitsOfItsBranch() {
    GitHubEvent push = event("push", "prow-phony/push.json");
    TriggerDecision d = TriggerRules.decide(push, testInfraJobs(), facts(Set.of(), List.of()));
    assertThat(started(d)).containsExactly("post-test-infra-test-all");
    assertThat(reason(d, "post-test-infra-test-all"))
        .isEqualTo("no change filter: runs on every push to master");
  }

  @Test
  void aPushThatDeletesATagStartsNothing() throws IOException {
    GitHubEvent push = event("push", "octokit/push/payload.json");
    TriggerDecision d = TriggerRules.decide(push, helloWorldJobs(), facts(Set.of(), List.of()));
    assertThat(d.started()).isEmpty();
    assertThat(d.notes()).contains("refs/tags/simple-tag was deleted: nothing runs");
  }

  @Test
  void postsubmitChangeFiltersUseTheFilesOfThePushedCommits() throws IOException {
    Path file = dir.resolve("post.yaml");
    Files.writeString(
        file,
        "postsubmits:\n  kubernetes/test-infra:\n"
            + "  - name: post-prow\n    run_if_changed: '^prow/cmd/'\n"
            + SPEC
            + "  - name: post-docs\n    run_if_changed: '^docs/'\n"
            + SPEC
            + "  - name: post-off\n    always_run: false\n"
            + SPEC
            + "  - name: post-release\n    branches: [release]\n"
            + SPEC);
    List<Job> jobs = JobConfigLoader.load(List.of(file), ProwSettings.NONE).validJobs();
    TriggerDecision d =
        TriggerRules.decide(
            event("push", "prow-phony/push.json"), jobs, facts(Set.of(), List.of()));
    assertThat(started(d)).containsExactly("post-prow");
    assertThat(reason(d, "post-prow")).isEqualTo("run_if_changed matched prow/cmd/splice/main.go");
    assertThat(reason(d, "post-docs"))
        .isEqualTo("run_if_changed matched none of the 3 changed files");
    assertThat(reason(d, "post-off")).contains("runs only when started by hand");
    assertThat(reason(d, "post-release")).contains("does not match branches [release]");
  }

  @Test
  void pingIsNoEventThatStartsJobs() {
    assertThat(
            org.assertj.core.api.Assertions.catchThrowable(
                () -> event("ping", "octokit/ping/payload.json")))
        .hasMessageContaining("starts no job");
  }
}
