package dev.snoop.submissions.bot;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.snoop.db.input.InputReader;
import dev.snoop.db.release.Release;
import dev.snoop.github.FakeGitHub;
import dev.snoop.github.GitHubClient;
import dev.snoop.github.GitHubException;
import dev.snoop.submissions.Verifier;
import dev.snoop.submissions.testlist.FileTestLists;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The bot on real submissions served by the fake GitHub, without a database. */
class PullRequestBotTest {
  private static final String SHA = "6dcb09b5b57875f334f61aebed695e2e4193db5e";
  private static final String API = "/repos/cncf/k8s-conformance";
  private static final List<String> PASSING =
      List.of(
          "conformance-product-submission",
          "tests-verified-v1.30",
          "no-failed-tests-v1.30",
          "release-v1.30",
          "release-documents-checked");

  private final FakeGitHub github = new FakeGitHub();
  @TempDir Path cache;

  @AfterEach
  void stop() {
    github.close();
  }

  private PullRequestBot bot(boolean apply) {
    return bot(apply, RealPullRequests.verifier(cache, "v1.31"));
  }

  private PullRequestBot bot(boolean apply, Verifier verifier) {
    GitHubClient client =
        new GitHubClient(
            github.url(),
            Optional.of(FakeGitHub.TOKEN),
            GitHubClient.Retries.DEFAULT,
            d -> {},
            Clock.systemUTC());
    return new PullRequestBot(
        client,
        verifier,
        new PullRequestBot.Settings(FakeGitHub.REPO, apply, Optional.of(FakeGitHub.LOGIN)),
        Optional.empty());
  }

  @Test
  void aPassingPrGetsItsLabelsOneCommentAndASuccessStatusAndOtherLabelsStay() {
    FakeGitHub.Pr pr = RealPullRequests.open(github, 3297, "v1.30/acp", SHA);
    pr.labels.addAll(
        List.of("lgtm", "tests-verified-v1.29", "area/certification", "missing-file-e2e.log"));
    long vendorComment = github.comment(3297, "vendor-engineer", "Please review");

    Outcome outcome = bot(true).handle(3297, false);

    assertThat(outcome.result()).isEqualTo(Outcome.Result.VERIFIED);
    assertThat(outcome.verification().orElseThrow().labels()).isEqualTo(PASSING);
    assertThat(github.writes())
        .extracting(r -> r.method() + " " + r.path())
        .containsExactly(
            "POST " + API + "/issues/3297/labels",
            "DELETE " + API + "/issues/3297/labels/tests-verified-v1.29",
            "DELETE " + API + "/issues/3297/labels/missing-file-e2e.log",
            "POST " + API + "/issues/3297/comments",
            "POST " + API + "/statuses/" + SHA);
    assertThat(github.writes().get(0).body())
        .isEqualTo(
            "{\"labels\":[\"conformance-product-submission\",\"tests-verified-v1.30\","
                + "\"no-failed-tests-v1.30\",\"release-v1.30\",\"release-documents-checked\"]}");
    assertThat(pr.labels)
        .containsExactly(
            "lgtm",
            "area/certification",
            "conformance-product-submission",
            "tests-verified-v1.30",
            "no-failed-tests-v1.30",
            "release-v1.30",
            "release-documents-checked");
    assertThat(pr.comments).hasSize(2);
    assertThat(pr.comments.get(0).id()).isEqualTo(vendorComment);
    assertThat(pr.comments.get(1).login()).isEqualTo("snoop-bot");
    assertThat(pr.comments.get(1).body())
        .startsWith("All requirements (24) have passed for the submission!\n")
        .endsWith("\n" + Actions.MARKER + "\n");
    assertThat(github.statuses(SHA))
        .containsExactly(
            new FakeGitHub.Status(
                "success", "All checks are passing", "verify-conformance", "snoop-bot"));

    // the next sweep: the head has the bot's success status, so nothing is fetched or written
    github.clearRequests();
    List<Outcome> again = bot(true).sweep(o -> {});
    assertThat(again).extracting(Outcome::result).containsExactly(Outcome.Result.SKIPPED);
    assertThat(github.writes()).isEmpty();
    assertThat(github.requests()).noneMatch(r -> r.path().contains("/contents/"));
  }

  @Test
  void aDryRunReadsEverythingAndWritesNothing() {
    FakeGitHub.Pr pr = RealPullRequests.open(github, 3297, "v1.30/acp", SHA);
    pr.labels.addAll(List.of("lgtm", "not-verifiable"));

    Outcome outcome = bot(false).handle(3297, false);

    assertThat(github.writes()).isEmpty();
    assertThat(github.requests()).hasSizeGreaterThan(4);
    Actions actions = outcome.actions().orElseThrow();
    assertThat(actions.addLabels()).isEqualTo(PASSING);
    assertThat(actions.removeLabels()).containsExactly("not-verifiable");
    assertThat(actions.status().orElseThrow().state()).isEqualTo("success");
    assertThat(outcome.applied()).isFalse();
    assertThat(OutcomeText.format(outcome))
        .startsWith(
            "cncf/k8s-conformance#3297 6dcb09b5b578: pass \"Conformance results for v1.30/acp\"\n")
        .contains("  would add labels:    conformance-product-submission, tests-verified-v1.30,")
        .contains("  would remove labels: not-verifiable\n")
        .contains("  would set status:    verify-conformance success \"All checks are passing\"\n")
        .contains(
            "  would post comment:\n    | All requirements (24) have passed for the submission!\n");
    assertThat(pr.labels).containsExactly("lgtm", "not-verifiable");
    assertThat(pr.comments).isEmpty();
  }

  @Test
  void theCommentIsPostedOnlyWhenItsTextChangedAndTheBotsOlderOnesGo() {
    FakeGitHub.Pr pr = RealPullRequests.open(github, 3300, "v1.31/kind", SHA);
    pr.commits = 2; // fails "exactly one commit"
    long vendor = github.comment(3300, "vendor-engineer", "Squashed soon");
    long oldBot1 =
        github.comment(3300, "snoop-bot", "All requirements (24) have passed\n\n" + Actions.MARKER);
    long botNote = github.comment(3300, "snoop-bot", "A note written by hand from the bot account");
    long quote = github.comment(3300, "reviewer", "> quoting the bot\n" + Actions.MARKER);
    long oldBot2 =
        github.comment(3300, "snoop-bot", "23 of 24 requirements have passed.\n" + Actions.MARKER);

    Outcome first = bot(true).handle(3300, false);

    assertThat(first.verification().orElseThrow().comment())
        .startsWith("23 of 24 requirements have passed. Please review the following:\n")
        .contains("- [FAIL] it appears that there is not exactly one commit.");
    assertThat(github.writes())
        .extracting(r -> r.method() + " " + r.path())
        .filteredOn(w -> w.contains("comments"))
        .containsExactly(
            "POST " + API + "/issues/3300/comments",
            "DELETE " + API + "/issues/comments/" + oldBot1,
            "DELETE " + API + "/issues/comments/" + oldBot2);
    assertThat(pr.comments)
        .extracting(FakeGitHub.Comment::id)
        .startsWith(vendor, botNote, quote)
        .hasSize(4);
    assertThat(github.statuses(SHA).get(0).state()).isEqualTo("failure");
    FakeGitHub.Comment posted = pr.comments.get(3);

    // same verification again (a failure is not skipped): nothing to write
    github.clearRequests();
    Outcome second = bot(true).handle(3300, false);
    assertThat(second.actions().orElseThrow().none()).isTrue();
    assertThat(github.writes()).isEmpty();
    assertThat(OutcomeText.format(second)).contains("up to date: nothing to change");

    // an older duplicate of the bot's comment (e.g. a crash between post and delete) is deleted,
    // the latest with the same text stays
    pr.comments.add(0, new FakeGitHub.Comment(1L, "snoop-bot", posted.body()));
    github.clearRequests();
    bot(true).handle(3300, false);
    assertThat(github.writes())
        .extracting(r -> r.method() + " " + r.path())
        .containsExactly("DELETE " + API + "/issues/comments/1");
    assertThat(pr.comments).extracting(FakeGitHub.Comment::id).endsWith(posted.id());
  }

  @Test
  void labelsFollowTheVerdictWhenTheHeadChanges() {
    FakeGitHub.Pr pr = RealPullRequests.open(github, 3297, "v1.30/acp", SHA);
    bot(true).handle(3297, false);
    assertThat(pr.labels).containsExactlyElementsOf(PASSING);

    pr.headSha = "a1b2c3d4e5f60718293a4b5c6d7e8f9012345678";
    pr.files.remove("v1.30/acp/junit_01.xml");
    github.clearRequests();
    Outcome outcome = bot(true).handle(3297, false);

    Actions actions = outcome.actions().orElseThrow();
    assertThat(actions.addLabels()).containsExactly("missing-file-junit_01.xml", "not-verifiable");
    assertThat(actions.removeLabels())
        .containsExactly(
            "tests-verified-v1.30", "no-failed-tests-v1.30", "release-documents-checked");
    assertThat(pr.labels)
        .containsExactly(
            "conformance-product-submission",
            "release-v1.30",
            "missing-file-junit_01.xml",
            "not-verifiable");
    assertThat(pr.comments).hasSize(1);
    assertThat(pr.comments.get(0).body()).contains("missing file &#39;junit_01.xml&#39;");
    assertThat(github.statuses(pr.headSha))
        .containsExactly(
            new FakeGitHub.Status(
                "failure",
                "Please check failing requirements and update accordingly",
                "verify-conformance",
                "snoop-bot"));
    assertThat(github.statuses(SHA))
        .extracting(FakeGitHub.Status::state)
        .containsExactly("success");
  }

  @Test
  void aPrThatIsNotASubmissionGetsTheGateLabelsAndAPendingStatus() {
    FakeGitHub.Pr pr = RealPullRequests.open(github, 3400, "v1.30/acp", SHA);
    pr.title = "Add ACP 1.30";
    pr.labels.add("conformance-product-submission");
    bot(true).handle(3400, false);
    assertThat(pr.labels)
        .containsExactly("not-conformance-product-submission", "unable-to-process");
    assertThat(pr.comments.get(0).body())
        .startsWith("This pull request appears to not be a conformance results submission");
    assertThat(github.statuses(SHA).get(0).state()).isEqualTo("pending");
  }

  @Test
  void filesArePagedAndOnlyTheEvidenceIsDownloaded() {
    github.pageSize = 2;
    FakeGitHub.Pr pr = RealPullRequests.open(github, 3500, "v1.27/ZStack Edge", SHA);
    pr.files.put("v1.27/ZStack Edge/sonobuoy.tar.gz", new byte[] {31, -117, 8});
    pr.removed.add("v1.26/ZStack Edge/README.md");

    Outcome outcome = bot(false, RealPullRequests.verifier(cache, "v1.28")).handle(3500, false);

    assertThat(github.requests())
        .extracting(FakeGitHub.Request::path)
        .filteredOn(p -> p.contains("/files") || p.contains("/contents/"))
        .containsExactly(
            API + "/pulls/3500/files?per_page=100",
            "/repositories/70000123/pulls/3500/files?per_page=2&page=2",
            "/repositories/70000123/pulls/3500/files?per_page=2&page=3",
            API + "/contents/v1.27/ZStack%20Edge/README.md?ref=" + SHA,
            API + "/contents/v1.27/ZStack%20Edge/PRODUCT.yaml?ref=" + SHA,
            API + "/contents/v1.27/ZStack%20Edge/e2e.log?ref=" + SHA,
            API + "/contents/v1.27/ZStack%20Edge/junit_01.xml?ref=" + SHA);
    var v = outcome.verification().orElseThrow();
    assertThat(v.labels()).contains("tests-verified-v1.27", "not-verifiable");
    assertThat(v.comment())
        .contains("non-required file(s) included in the submission:")
        .contains("sonobuoy.tar.gz")
        .contains("We found 2 product submissions: v1.27/ZStack Edge, v1.26/ZStack Edge");
  }

  @Test
  void aBrokenConformanceListIsRetriedLaterAndNothingIsToldToThePr() throws Exception {
    Path lists = Files.createDirectories(cache.resolve("lists"));
    Files.writeString(lists.resolve("v1.30.yaml"), "429: Too Many Requests\n");
    RealPullRequests.open(github, 3297, "v1.30/acp", SHA);
    Verifier broken =
        new Verifier(new FileTestLists(new InputReader(cache), lists), Release.parse("v1.31"));

    Outcome outcome = bot(true, broken).handle(3297, false);

    assertThat(outcome.result()).isEqualTo(Outcome.Result.FAILED);
    assertThat(outcome.detail()).startsWith("conformance list: ").contains("v1.30.yaml");
    assertThat(github.writes()).isEmpty();
    assertThat(OutcomeText.format(outcome))
        .startsWith("cncf/k8s-conformance#3297 6dcb09b5b578: FAILED, conformance list: ");
  }

  @Test
  void aSweepHandlesEachOpenPrAndAGitHubFailureOnOneDoesNotStopIt() {
    RealPullRequests.open(github, 1, "v1.30/acp", "1111111111");
    RealPullRequests.open(github, 2, "v1.31/kind", "2222222222");
    RealPullRequests.open(github, 3, "v1.30/nks", "3333333333").state = "closed";
    for (int i = 0; i < 4; i++) {
      github.failNext(API + "/pulls/1", 502, java.util.Map.of(), "error-server");
    }
    List<Outcome> outcomes = bot(true).sweep(o -> {});
    assertThat(outcomes).extracting(Outcome::number).containsExactly(1, 2);
    assertThat(outcomes)
        .extracting(Outcome::result)
        .containsExactly(Outcome.Result.FAILED, Outcome.Result.VERIFIED);
    assertThat(outcomes.get(0).detail()).contains("502 Server Error (after 4 attempts)");
    assertThat(github.pr(1).labels).isEmpty();
    assertThat(github.pr(2).labels).contains("release-documents-checked");
  }

  @Test
  void aRejectedTokenStopsTheBot() {
    RealPullRequests.open(github, 1, "v1.30/acp", SHA);
    GitHubClient wrong =
        new GitHubClient(
            github.url(),
            Optional.of("ghp_wrong"),
            GitHubClient.Retries.DEFAULT,
            d -> {},
            Clock.systemUTC());
    PullRequestBot bot =
        new PullRequestBot(
            wrong,
            RealPullRequests.verifier(cache, "v1.31"),
            new PullRequestBot.Settings(FakeGitHub.REPO, true, Optional.of("snoop-bot")),
            Optional.empty());
    assertThatThrownBy(() -> bot.handle(1, false))
        .isInstanceOfSatisfying(
            GitHubException.class, e -> assertThat(e.badCredentials()).isTrue());
    assertThat(github.writes()).isEmpty();
  }
}
