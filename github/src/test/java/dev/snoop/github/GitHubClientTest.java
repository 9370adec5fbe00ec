package dev.snoop.github;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.snoop.github.GitHubApi.StatusUpdate;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The REST client against the fake GitHub: paging, raw contents, retries, rate limits, errors. */
class GitHubClientTest {
  private static final String REPO = FakeGitHub.REPO;
  private static final Instant NOW = Instant.parse("2026-11-20T10:00:00Z");

  private final FakeGitHub github = new FakeGitHub();
  private final List<Duration> sleeps = new ArrayList<>();
  private final GitHubClient client = client(Optional.of(FakeGitHub.TOKEN));

  @AfterEach
  void stop() {
    github.close();
  }

  private GitHubClient client(Optional<String> token) {
    return new GitHubClient(
        github.url(),
        token,
        new GitHubClient.Retries(4, Duration.ofSeconds(1), Duration.ofMinutes(15)),
        sleeps::add,
        Clock.fixed(NOW, ZoneOffset.UTC));
  }

  @Test
  void readsThePullRequestAndSendsTheHeadersGitHubAsksFor() {
    FakeGitHub.Pr pr = github.pr(3297, "Conformance results for v1.30/acp", "6dcb09b5");
    pr.commits = 2;
    pr.labels.add("release-v1.30");
    GitHubApi.PullRequest read = client.pullRequest(REPO, 3297);
    assertThat(read)
        .isEqualTo(
            new GitHubApi.PullRequest(
                3297,
                "open",
                "Conformance results for v1.30/acp",
                "6dcb09b5",
                2,
                List.of("release-v1.30"),
                "vendor-engineer",
                "master",
                "9ac1c1e5b4e7d1ab0c8e3a3c2f25a41b7e19f0a2"));
    FakeGitHub.Request request = github.requests().get(0);
    assertThat(request.path()).isEqualTo("/repos/cncf/k8s-conformance/pulls/3297");
    assertThat(request.headers())
        .containsEntry("authorization", "Bearer " + FakeGitHub.TOKEN)
        .containsEntry("accept", "application/vnd.github+json")
        .containsEntry("x-github-api-version", "2022-11-28");
    assertThat(client.authenticatedLogin()).isEqualTo("snoop-bot");
  }

  @Test
  void trustIsAskedOfTheOrganisationAndTheRepository() {
    github.addOrgMember("member");
    github.addCollaborator("helper");
    assertThat(client.isOrgMember("cncf", "member")).isTrue();
    assertThat(client.isOrgMember("cncf", "stranger")).isFalse();
    assertThat(client.isCollaborator(REPO, "helper")).isTrue();
    assertThat(client.isCollaborator(REPO, "member")).isFalse();
    assertThat(github.requests())
        .extracting(FakeGitHub.Request::path)
        .contains("/orgs/cncf/members/member", "/repos/cncf/k8s-conformance/collaborators/helper");
  }

  @Test
  void listsFollowTheLinkHeaderAcrossPages() {
    github.pageSize = 2;
    FakeGitHub.Pr pr = github.pr(7, "Conformance results for v1.30/acp", "abc");
    for (int i = 1; i <= 5; i++) {
      pr.files.put("v1.30/acp/file" + i, new byte[] {1});
      github.pr(100 + i, "PR " + i, "sha" + i);
    }
    github.pr(200, "closed", "shaX").state = "closed";
    assertThat(client.files(REPO, 7))
        .extracting(GitHubApi.ChangedFile::path)
        .containsExactly(
            "v1.30/acp/file1",
            "v1.30/acp/file2",
            "v1.30/acp/file3",
            "v1.30/acp/file4",
            "v1.30/acp/file5");
    assertThat(github.requests())
        .extracting(FakeGitHub.Request::path)
        .containsExactly(
            "/repos/cncf/k8s-conformance/pulls/7/files?per_page=100",
            "/repositories/70000123/pulls/7/files?per_page=2&page=2",
            "/repositories/70000123/pulls/7/files?per_page=2&page=3");
    assertThat(client.openPullRequests(REPO)).containsExactly(7, 101, 102, 103, 104, 105);
  }

  @Test
  void contentsAreFetchedRawAtTheHeadWithThePathEncoded() {
    FakeGitHub.Pr pr = github.pr(8, "Conformance results for v1.27/ZStack Edge", "f00d");
    pr.files.put(
        "v1.27/ZStack Edge/PRODUCT.yaml", "vendor: ZStack\n".getBytes(StandardCharsets.UTF_8));
    byte[] content = client.content(REPO, "v1.27/ZStack Edge/PRODUCT.yaml", "f00d");
    assertThat(new String(content, StandardCharsets.UTF_8)).isEqualTo("vendor: ZStack\n");
    assertThat(github.requests().get(0).path())
        .isEqualTo(
            "/repos/cncf/k8s-conformance/contents/v1.27/ZStack%20Edge/PRODUCT.yaml?ref=f00d");
    assertThatThrownBy(() -> client.content(REPO, "v1.27/ZStack Edge/PRODUCT.yaml", "other"))
        .isInstanceOf(GitHubException.class)
        .hasMessageContaining("404 Not Found");
  }

  @Test
  void writesUseTheDocumentedEndpointsAndBodies() {
    github.pr(9, "Conformance results for v1.30/acp", "abc").labels.add("needs rebase");
    client.addLabels(REPO, 9, List.of("release-v1.30", "not-verifiable"));
    client.removeLabel(REPO, 9, "needs rebase");
    client.removeLabel(REPO, 9, "never-there"); // 404: already gone, fine
    long id = client.postComment(REPO, 9, "hello");
    client.deleteComment(REPO, id);
    client.setStatus(
        REPO, "abc", new StatusUpdate("verify-conformance", "success", "All checks are passing"));
    assertThat(github.writes())
        .extracting(FakeGitHub.Request::toString)
        .containsExactly(
            "POST /repos/cncf/k8s-conformance/issues/9/labels {\"labels\":[\"release-v1.30\",\"not-verifiable\"]}",
            "DELETE /repos/cncf/k8s-conformance/issues/9/labels/needs%20rebase",
            "DELETE /repos/cncf/k8s-conformance/issues/9/labels/never-there",
            "POST /repos/cncf/k8s-conformance/issues/9/comments {\"body\":\"hello\"}",
            "DELETE /repos/cncf/k8s-conformance/issues/comments/" + id,
            "POST /repos/cncf/k8s-conformance/statuses/abc {\"state\":\"success\",\"description\":\"All checks are passing\",\"context\":\"verify-conformance\"}");
    assertThat(github.pr(9).labels).containsExactly("release-v1.30", "not-verifiable");
    assertThat(client.statuses(REPO, "abc"))
        .containsExactly(
            new GitHubApi.CommitStatus(
                "verify-conformance",
                "success",
                "All checks are passing",
                Optional.of("snoop-bot")));
  }

  @Test
  void serverErrorsAreRetriedWithBackoff() {
    github.pr(1, "t", "s");
    github.failNext("/repos/cncf/k8s-conformance/pulls/1", 502, Map.of(), "error-server");
    github.failNext("/repos/cncf/k8s-conformance/pulls/1", 503, Map.of(), "error-server");
    assertThat(client.pullRequest(REPO, 1).number()).isEqualTo(1);
    assertThat(github.requests()).hasSize(3);
    assertThat(sleeps).containsExactly(Duration.ofSeconds(1), Duration.ofSeconds(2));
  }

  @Test
  void serverErrorsGiveUpAfterTheLastAttempt() {
    github.pr(1, "t", "s");
    for (int i = 0; i < 5; i++) {
      github.failNext("/repos/cncf/k8s-conformance/pulls/1", 502, Map.of(), "error-server");
    }
    assertThatThrownBy(() -> client.pullRequest(REPO, 1))
        .isInstanceOf(GitHubException.class)
        .hasMessage(
            "GET "
                + github.url()
                + "/repos/cncf/k8s-conformance/pulls/1: 502 Server Error (after 4 attempts)");
    assertThat(github.requests()).hasSize(4);
  }

  @Test
  void aSecondaryRateLimitWaitsRetryAfter() {
    github.pr(1, "t", "s");
    github.failNext(
        "/repos/cncf/k8s-conformance/pulls/1",
        403,
        Map.of("Retry-After", "7"),
        "error-secondary-rate-limit");
    github.failNext(
        "/repos/cncf/k8s-conformance/pulls/1",
        429,
        Map.of("Retry-After", "3"),
        "error-secondary-rate-limit");
    assertThat(client.pullRequest(REPO, 1).title()).isEqualTo("t");
    assertThat(sleeps).containsExactly(Duration.ofSeconds(7), Duration.ofSeconds(3));
  }

  @Test
  void anExhaustedRateLimitWaitsUntilItsReset() {
    github.pr(1, "t", "s");
    Map<String, String> exhausted =
        Map.of(
            "X-RateLimit-Limit", "5000",
            "X-RateLimit-Remaining", "0",
            "X-RateLimit-Used", "5000",
            "X-RateLimit-Reset", String.valueOf(NOW.getEpochSecond() + 30),
            "X-RateLimit-Resource", "core");
    github.failNext("/repos/cncf/k8s-conformance/pulls/1", 403, exhausted, "error-rate-limit");
    assertThat(client.pullRequest(REPO, 1).title()).isEqualTo("t");
    assertThat(sleeps).containsExactly(Duration.ofSeconds(31));
  }

  @Test
  void aRateLimitTooFarAwayFailsWithoutWaiting() {
    github.pr(1, "t", "s");
    github.failNext(
        "/repos/cncf/k8s-conformance/pulls/1",
        403,
        Map.of(
            "X-RateLimit-Remaining",
            "0",
            "X-RateLimit-Reset",
            String.valueOf(NOW.getEpochSecond() + 3600)),
        "error-rate-limit");
    assertThatThrownBy(() -> client.pullRequest(REPO, 1))
        .isInstanceOf(GitHubException.class)
        .hasMessageContaining("403 API rate limit exceeded for user ID 1520001")
        .hasMessageContaining("rate limited; it would take PT1H1S to wait it out");
    assertThat(sleeps).isEmpty();
  }

  @Test
  void aForbiddenCallWithoutARateLimitIsNotRetried() {
    github.pr(1, "t", "s");
    github.failNext(
        "/repos/cncf/k8s-conformance/issues/1/labels", 403, Map.of(), "error-not-found");
    assertThatThrownBy(() -> client.addLabels(REPO, 1, List.of("x")))
        .isInstanceOf(GitHubException.class)
        .extracting(e -> ((GitHubException) e).status())
        .isEqualTo(403);
    assertThat(github.requests()).hasSize(1);
    assertThat(sleeps).isEmpty();
  }

  @Test
  void aWrongTokenIsBadCredentials() {
    GitHubClient wrong = client(Optional.of("ghp_wrong"));
    assertThatThrownBy(wrong::authenticatedLogin)
        .isInstanceOfSatisfying(GitHubException.class, e -> assertThat(e.badCredentials()).isTrue())
        .hasMessage("GET " + github.url() + "/user: 401 Bad credentials");
    assertThat(github.requests()).hasSize(1);
  }
}
