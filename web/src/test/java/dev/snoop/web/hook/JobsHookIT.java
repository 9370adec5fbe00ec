package dev.snoop.web.hook;

import static dev.snoop.db.jooq.snoop.Tables.PROW_JOB;
import static dev.snoop.db.jooq.snoop.Tables.WEBHOOK_DELIVERY;
import static org.assertj.core.api.Assertions.assertThat;

import dev.snoop.ci.config.JobConfigLoader;
import dev.snoop.ci.config.ProwSettings;
import dev.snoop.ci.run.BuildIds;
import dev.snoop.ci.run.NewRuns;
import dev.snoop.ci.trigger.EventTrigger;
import dev.snoop.ci.trigger.GitHubFacts;
import dev.snoop.db.Database;
import dev.snoop.db.testing.MigratedDatabase;
import dev.snoop.db.testing.SharedData;
import dev.snoop.github.FakeGitHub;
import dev.snoop.github.GitHubClient;
import dev.snoop.web.ServerOptions;
import dev.snoop.web.WebServer;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code /hook} with both consumers, the bot's and the job engine's: a signed pull_request delivery
 * stores the runs it starts before GitHub is answered; its redelivery starts nothing more; a
 * delivery with a bad signature is refused and leaves nothing behind.
 */
@ExtendWith(MigratedDatabase.class)
class JobsHookIT {
  private static final WebhookSignature SIGNATURE =
      new WebhookSignature("s3cret".getBytes(StandardCharsets.UTF_8));

  private final Database db;
  private final FakeGitHub github = new FakeGitHub();
  private final List<String> botSaw = new java.util.ArrayList<>();
  private WebServer server;
  @TempDir Path dir;

  JobsHookIT(Database db) {
    this.db = db;
  }

  @BeforeEach
  void start() throws Exception {
    db.dsl().execute("TRUNCATE snoop.prow_job, snoop.webhook_delivery");
    github.addOrgMember("Codertocat");
    github.pr(
        2, "Update the README with new information.", "ec26c3e57ca3a959ca5aad62de7213c562f8c821");
    Path jobs = dir.resolve("jobs.yaml");
    Files.writeString(
        jobs,
        "presubmits:\n  cncf/k8s-conformance:\n  - name: unit\n    always_run: true\n"
            + "    spec: {containers: [{image: alpine, command: [echo]}]}\n");
    var loaded = JobConfigLoader.load(List.of(jobs), ProwSettings.NONE).validJobs();
    GitHubClient client = new GitHubClient(github.url(), Optional.of(FakeGitHub.TOKEN));
    EventTrigger trigger =
        new EventTrigger(
            () -> loaded,
            client,
            new GitHubFacts(client, Clock.systemUTC()),
            new NewRuns(new BuildIds(Clock.systemUTC(), 5), Clock.systemUTC()),
            "local",
            true);
    Map<String, HookConsumer> consumers = new LinkedHashMap<>();
    consumers.put(
        "bot",
        (d, tx) -> {
          botSaw.add(d.id());
          return "seen";
        });
    consumers.put("jobs", new JobsHookConsumer(trigger));
    server =
        WebServer.start(
            ServerOptions.local(0),
            List.of(new GitHubHook(db.dsl(), Optional.of(SIGNATURE), consumers)));
  }

  @AfterEach
  void stop() {
    server.close();
    github.close();
  }

  /** octokit's real pull_request opened payload, its repository renamed to the local GitHub's. */
  private static byte[] openedPayload() throws Exception {
    String text =
        Files.readString(SharedData.path("prow/webhooks/octokit/pull_request/opened.payload.json"));
    return text.replace("Codertocat/Hello-World", FakeGitHub.REPO).getBytes(StandardCharsets.UTF_8);
  }

  private HttpResponse<String> post(String delivery, byte[] body, String signature)
      throws Exception {
    return HttpClient.newHttpClient()
        .send(
            HttpRequest.newBuilder(URI.create(server.uri() + "hook"))
                .header("X-GitHub-Event", "pull_request")
                .header("X-GitHub-Delivery", delivery)
                .header("X-Hub-Signature-256", signature)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofByteArray(body))
                .build(),
            HttpResponse.BodyHandlers.ofString());
  }

  @Test
  void aDeliveryStoresItsRunsOnceAndBothConsumersSeeIt() throws Exception {
    byte[] body = openedPayload();

    HttpResponse<String> first = post("delivery-1", body, SIGNATURE.sign(body));
    assertThat(first.statusCode()).isEqualTo(202);
    assertThat(first.body()).contains("\"jobs\":\"started unit\"").contains("\"bot\":\"seen\"");
    assertThat(db.dsl().fetchCount(PROW_JOB)).isEqualTo(1);
    assertThat(db.dsl().fetchValue(PROW_JOB.EVENT_GUID)).isEqualTo("delivery-1");

    HttpResponse<String> again = post("delivery-1", body, SIGNATURE.sign(body));
    assertThat(again.statusCode()).isEqualTo(200);
    assertThat(again.body()).contains("\"redelivery\":true").contains("started unit");
    assertThat(db.dsl().fetchCount(PROW_JOB)).as("a redelivery starts nothing").isEqualTo(1);
    assertThat(botSaw).containsExactly("delivery-1");
  }

  @Test
  void aBadSignatureIsRefusedAndNothingIsStored() throws Exception {
    byte[] body = openedPayload();
    HttpResponse<String> answer =
        post(
            "delivery-2",
            body,
            new WebhookSignature("wrong".getBytes(StandardCharsets.UTF_8)).sign(body));

    assertThat(answer.statusCode()).isEqualTo(401);
    assertThat(db.dsl().fetchCount(PROW_JOB)).isZero();
    assertThat(db.dsl().fetchCount(WEBHOOK_DELIVERY)).isZero();
    assertThat(botSaw).isEmpty();
  }
}
