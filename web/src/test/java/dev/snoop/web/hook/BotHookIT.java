package dev.snoop.web.hook;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.snoop.db.Database;
import dev.snoop.db.testing.MigratedDatabase;
import dev.snoop.github.FakeGitHub;
import dev.snoop.submissions.bot.BotService;
import dev.snoop.submissions.bot.Outcome;
import dev.snoop.submissions.bot.PullRequestBot;
import dev.snoop.submissions.bot.RealPullRequests;
import dev.snoop.submissions.bot.WebhookHandler;
import dev.snoop.web.ServerOptions;
import dev.snoop.web.WebServer;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * The bot on the one server, as {@code snoop serve --bot} runs it: it sweeps, and a signed push
 * delivered to {@code /hook} gets the new head verified and its status written to (fake) GitHub.
 */
@ExtendWith(MigratedDatabase.class)
class BotHookIT {
  private static final String SHA = "6dcb09b5b57875f334f61aebed695e2e4193db5e";

  private final Database db;
  private final FakeGitHub github = new FakeGitHub();
  @TempDir Path cache;

  BotHookIT(Database db) {
    this.db = db;
  }

  @AfterEach
  void stop() {
    github.close();
  }

  private PullRequestBot bot() {
    return RealPullRequests.bot(github, cache, db.dsl(), true);
  }

  @Test
  void theServiceSweepsAndHandlesSignedWebhookDeliveries() throws Exception {
    RealPullRequests.open(github, 3297, "v1.30/acp", SHA);
    BlockingQueue<Outcome> outcomes = new LinkedBlockingQueue<>();
    WebhookSignature signature = new WebhookSignature("s3cret".getBytes(StandardCharsets.UTF_8));
    try (BotService service = new BotService(bot(), outcomes::add)) {
      WebhookHandler handler = service.webhook();
      HookConsumer consumer = (d, tx) -> handler.handle(d.event(), d.payload());
      try (WebServer server =
          WebServer.start(
              ServerOptions.local(0),
              List.of(new GitHubHook(db.dsl(), Optional.of(signature), Map.of("bot", consumer))))) {
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
                    ((ObjectNode) FakeGitHub.fixture("webhook-pull-request-opened").deepCopy())
                        .put("action", "synchronize"));
        HttpResponse<String> answer =
            HttpClient.newHttpClient()
                .send(
                    HttpRequest.newBuilder(server.uri().resolve("/hook"))
                        .header("X-GitHub-Event", "pull_request")
                        .header("X-GitHub-Delivery", "d6a4f9b0-0000-11ef-8000-000000000001")
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
}
