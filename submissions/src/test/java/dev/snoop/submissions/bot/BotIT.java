package dev.snoop.submissions.bot;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.snoop.db.Database;
import dev.snoop.db.testing.MigratedDatabase;
import dev.snoop.submissions.store.VerificationStore;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * The bot with snoopdb: every verification stored, the skip rule reading the store, the service.
 */
@ExtendWith(MigratedDatabase.class)
class BotIT {
  private static final String SHA = "6dcb09b5b57875f334f61aebed695e2e4193db5e";

  private final Database db;
  private final FakeGitHub github = new FakeGitHub();
  @TempDir Path cache;

  BotIT(Database db) {
    this.db = db;
  }

  @AfterEach
  void stop() {
    github.close();
  }

  private PullRequestBot bot(boolean apply) {
    GitHubClient client =
        new GitHubClient(
            github.url(),
            Optional.of(FakeGitHub.TOKEN),
            GitHubClient.Retries.DEFAULT,
            d -> {},
            Clock.systemUTC());
    return new PullRequestBot(
        client,
        RealPullRequests.verifier(cache, "v1.31"),
        new PullRequestBot.Settings(FakeGitHub.REPO, apply, Optional.of(FakeGitHub.LOGIN)),
        Optional.of(new VerificationStore(db.dsl())));
  }

  @Test
  void everyVerificationIsStoredAndAnEditedTitleOrAStrippedLabelIsNoticed() throws Exception {
    FakeGitHub.Pr pr = RealPullRequests.open(github, 4001, "v1.30/acp", SHA);
    VerificationStore store = new VerificationStore(db.dsl());

    bot(true).sweep(o -> {});
    VerificationStore.Stored first = store.latest(FakeGitHub.REPO, 4001).orElseThrow();
    assertThat(first.headSha()).contains(SHA);
    assertThat(first.release()).contains("v1.30");
    assertThat(first.product()).contains("acp");
    assertThat(first.verdict()).isEqualTo("pass");
    assertThat(first.source()).isEqualTo("github");
    assertThat(first.labels()).contains("release-documents-checked");
    assertThat(new ObjectMapper().readTree(first.checks())).hasSize(24);

    // nothing changed: skipped, nothing stored
    assertThat(bot(true).sweep(o -> {}))
        .extracting(Outcome::result)
        .containsExactly(Outcome.Result.SKIPPED);
    assertThat(stored(store)).hasSize(1);

    // a new title on the same head (the official bot would skip it): verified again
    pr.title = "Conformance results for v1.29/acp";
    github.clearRequests();
    Outcome retitled = bot(true).sweep(o -> {}).get(0);
    assertThat(retitled.result()).isEqualTo(Outcome.Result.VERIFIED);
    assertThat(retitled.verification().orElseThrow().verdict().id()).isEqualTo("fail");
    assertThat(pr.labels).contains("not-verifiable").doesNotContain("release-documents-checked");
    assertThat(github.statuses(SHA).get(0).state()).isEqualTo("failure");

    pr.title = "Conformance results for v1.30/acp";
    bot(true).sweep(o -> {});
    assertThat(github.statuses(SHA).get(0).state()).isEqualTo("success");

    // a managed label removed by hand is put back by the next sweep
    pr.labels.remove("tests-verified-v1.30");
    github.clearRequests();
    bot(true).sweep(o -> {});
    assertThat(github.writes())
        .extracting(FakeGitHub.Request::toString)
        .containsExactly(
            "POST /repos/cncf/k8s-conformance/issues/4001/labels"
                + " {\"labels\":[\"tests-verified-v1.30\"]}");
    assertThat(stored(store))
        .extracting(VerificationStore.Stored::verdict)
        .containsExactly("pass", "pass", "fail", "pass");
  }

  /** This test's PR's verifications, newest first (the database is shared by the class). */
  private static List<VerificationStore.Stored> stored(VerificationStore store) {
    return store.recent(100).stream().filter(v -> v.prNumber().equals(Optional.of(4001))).toList();
  }

  @Test
  void aDryRunStoresItsVerificationsToo() {
    RealPullRequests.open(github, 3300, "v1.31/kind", SHA).commits = 3;
    bot(false).sweep(o -> {});
    VerificationStore.Stored stored =
        new VerificationStore(db.dsl()).latest(FakeGitHub.REPO, 3300).orElseThrow();
    assertThat(stored.verdict()).isEqualTo("fail");
    assertThat(stored.labels()).contains("not-verifiable", "release-v1.31");
    assertThat(github.writes()).isEmpty();
  }

  @Test
  void theServiceSweepsAndHandlesSignedWebhookDeliveries() throws Exception {
    RealPullRequests.open(github, 3297, "v1.30/acp", SHA);
    BlockingQueue<Outcome> outcomes = new LinkedBlockingQueue<>();
    WebhookSignature signature = new WebhookSignature("s3cret".getBytes(StandardCharsets.UTF_8));
    try (BotService service = new BotService(bot(true), outcomes::add)) {
      int port = service.listen(new InetSocketAddress("127.0.0.1", 0), Optional.of(signature));
      service.sweepEvery(Duration.ofHours(1));
      Outcome swept = outcomes.poll(30, TimeUnit.SECONDS);
      assertThat(swept).isNotNull();
      assertThat(swept.result()).isEqualTo(Outcome.Result.VERIFIED);

      // a push: the webhook queues the PR, the worker verifies the new head
      FakeGitHub.Pr pr = github.pr(3297);
      pr.headSha = "0000000000000000000000000000000000000002";
      pr.commits = 2;
      byte[] body =
          new ObjectMapper()
              .writeValueAsBytes(
                  ((com.fasterxml.jackson.databind.node.ObjectNode)
                          FakeGitHub.fixture("webhook-pull-request-opened").deepCopy())
                      .put("action", "synchronize"));
      HttpResponse<String> answer =
          HttpClient.newHttpClient()
              .send(
                  HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/webhook"))
                      .header("X-GitHub-Event", "pull_request")
                      .header("X-Hub-Signature-256", signature.sign(body))
                      .POST(HttpRequest.BodyPublishers.ofByteArray(body))
                      .build(),
                  HttpResponse.BodyHandlers.ofString());
      assertThat(answer.statusCode()).isEqualTo(202);
      Outcome pushed = outcomes.poll(30, TimeUnit.SECONDS);
      assertThat(pushed).isNotNull();
      assertThat(pushed.headSha()).contains(pr.headSha);
      assertThat(pushed.verification().orElseThrow().verdict().id()).isEqualTo("fail");
      assertThat(github.statuses(pr.headSha))
          .extracting(FakeGitHub.Status::state)
          .isEqualTo(List.of("failure"));
    }
  }
}
