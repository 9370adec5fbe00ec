package dev.snoop.web.hook;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.snoop.db.Database;
import dev.snoop.db.testing.MigratedDatabase;
import dev.snoop.db.testing.SharedData;
import dev.snoop.submissions.bot.WebhookHandler;
import dev.snoop.web.ServerOptions;
import dev.snoop.web.WebServer;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicBoolean;
import org.jooq.DSLContext;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * GitHub's deliveries at {@code POST /hook}, with the bot's webhook handler as the consumer, on
 * octokit's recorded payloads (Codertocat/Hello-World #2): signatures checked first, which events
 * queue a PR, redeliveries, and the answers.
 */
@ExtendWith(MigratedDatabase.class)
class GitHubHookIT {
  private static final byte[] SECRET =
      "It's a Secret to Everybody".getBytes(StandardCharsets.UTF_8);
  private static final String REPO = "Codertocat/Hello-World";
  private static final ObjectMapper JSON = new ObjectMapper();

  record Queued(int number, boolean force) {}

  private final DSLContext sql;
  private final List<Queued> queued = Collections.synchronizedList(new ArrayList<>());
  private final HttpClient http = HttpClient.newHttpClient();
  private WebServer server;

  GitHubHookIT(Database database) {
    this.sql = database.dsl();
  }

  @AfterEach
  void stop() {
    if (server != null) {
      server.close();
    }
  }

  private URI start(Optional<WebhookSignature> signature) {
    return start(signature, botConsumer());
  }

  private HookConsumer botConsumer() {
    WebhookHandler bot = new WebhookHandler(REPO, (n, force) -> queued.add(new Queued(n, force)));
    return (delivery, tx) -> bot.handle(delivery.event(), delivery.payload());
  }

  private URI start(Optional<WebhookSignature> signature, HookConsumer consumer) {
    server =
        WebServer.start(
            ServerOptions.local(0),
            List.of(new GitHubHook(sql, signature, Map.of("bot", consumer))));
    return server.uri().resolve("/hook");
  }

  @Test
  void aSignedOpenedEventQueuesThePrAndIsRecordedBeforeTheAnswer() throws Exception {
    URI url = start(Optional.of(new WebhookSignature(SECRET)));
    byte[] body = octokit("pull_request/opened.payload.json");
    String id = UUID.randomUUID().toString();
    HttpResponse<String> answer = post(url, "pull_request", id, body, sign(body));
    assertThat(answer.statusCode()).isEqualTo(202);
    JsonNode json = JSON.readTree(answer.body());
    assertThat(json.get("delivery").asText()).isEqualTo(id);
    assertThat(json.get("redelivery").asBoolean()).isFalse();
    assertThat(json.get("reactions").get("bot").asText()).isEqualTo("queued #2");
    assertThat(queued).containsExactly(new Queued(2, false));
    // committed before the answer: another connection sees it
    assertThat(
            sql.fetchValue(
                "select reactions->>'bot' from snoop.webhook_delivery where delivery_id = ?", id))
        .isEqualTo("queued #2");
  }

  @Test
  void aBadOrMissingSignatureIsRefusedBeforeAnythingIsParsedOrStored() throws Exception {
    URI url = start(Optional.of(new WebhookSignature(SECRET)));
    int deliveries = deliveries();
    byte[] body = octokit("pull_request/opened.payload.json");
    String forged =
        new WebhookSignature("another secret".getBytes(StandardCharsets.UTF_8)).sign(body);
    assertThat(post(url, "pull_request", uuid(), body, Optional.of(forged)).statusCode())
        .isEqualTo(401);
    assertThat(post(url, "pull_request", uuid(), body, Optional.empty()).statusCode())
        .isEqualTo(401);
    byte[] tampered =
        new String(body, StandardCharsets.UTF_8)
            .replace("\"number\": 2", "\"number\": 3")
            .getBytes(StandardCharsets.UTF_8);
    assertThat(tampered).isNotEqualTo(body);
    assertThat(post(url, "pull_request", uuid(), tampered, sign(body)).statusCode()).isEqualTo(401);
    // not JSON and no headers: still the signature's 401, not a parse error's 400
    HttpResponse<String> garbage =
        http.send(
            HttpRequest.newBuilder(url)
                .POST(HttpRequest.BodyPublishers.ofString("not json"))
                .build(),
            HttpResponse.BodyHandlers.ofString());
    assertThat(garbage.statusCode()).isEqualTo(401);
    assertThat(JSON.readTree(garbage.body()).get("error").asText())
        .isEqualTo("bad or missing X-Hub-Signature-256");
    assertThat(queued).isEmpty();
    assertThat(deliveries()).isEqualTo(deliveries);
  }

  @Test
  void withoutASecretDeliveriesAreAcceptedUnsigned() throws Exception {
    URI url = start(Optional.empty());
    byte[] body = octokit("pull_request/synchronize.payload.json");
    assertThat(post(url, "pull_request", uuid(), body, Optional.empty()).statusCode())
        .isEqualTo(202);
    assertThat(queued).containsExactly(new Queued(2, false));
  }

  @Test
  void aRedeliveryIsANoOpAnsweredWithWhatWasDoneTheFirstTime() throws Exception {
    URI url = start(Optional.of(new WebhookSignature(SECRET)));
    byte[] body = octokit("pull_request/reopened.payload.json");
    String id = uuid();
    assertThat(post(url, "pull_request", id, body, sign(body)).statusCode()).isEqualTo(202);
    HttpResponse<String> again = post(url, "pull_request", id, body, sign(body));
    assertThat(again.statusCode()).isEqualTo(200);
    JsonNode json = JSON.readTree(again.body());
    assertThat(json.get("redelivery").asBoolean()).isTrue();
    assertThat(json.get("reactions").get("bot").asText()).isEqualTo("queued #2");
    assertThat(queued).containsExactly(new Queued(2, false));
    assertThat(recorded(id)).isEqualTo(1);
  }

  @Test
  void aConsumerFailingLeavesNoRecordSoGitHubsRetryActs() throws Exception {
    AtomicBoolean failOnce = new AtomicBoolean(true);
    HookConsumer bot = botConsumer();
    URI url =
        start(
            Optional.of(new WebhookSignature(SECRET)),
            (delivery, tx) -> {
              String reaction = bot.accept(delivery, tx);
              if (failOnce.getAndSet(false)) {
                throw new IllegalStateException("the consumer's database write failed");
              }
              return reaction;
            });
    byte[] body = octokit("pull_request/opened.payload.json");
    String id = uuid();
    HttpResponse<String> failed = post(url, "pull_request", id, body, sign(body));
    assertThat(failed.statusCode()).isEqualTo(500);
    assertThat(failed.body()).doesNotContain("IllegalStateException");
    assertThat(recorded(id)).isZero();
    assertThat(post(url, "pull_request", id, body, sign(body)).statusCode()).isEqualTo(202);
    assertThat(recorded(id)).isEqualTo(1);
    assertThat(queued).containsExactly(new Queued(2, false), new Queued(2, false));
  }

  @Test
  void onlyTheEventsThatCanChangeTheVerificationQueue() throws Exception {
    URI url = start(Optional.of(new WebhookSignature(SECRET)));
    assertThat(send(url, "ping", octokit("ping/payload.json"))).isEqualTo("200 {hook=pong}");
    assertThat(send(url, "pull_request", octokit("pull_request/closed.payload.json")))
        .isEqualTo("202 {bot=ignored: pull_request closed " + REPO + "}");
    assertThat(send(url, "pull_request", octokit("pull_request/labeled.payload.json")))
        .startsWith("202 {bot=ignored");
    assertThat(send(url, "issue_comment", octokit("issue_comment/created.payload.json")))
        .startsWith("202 {bot=ignored: issue_comment");
    assertThat(send(url, "push", octokit("push/payload.json")))
        .startsWith("202 {bot=ignored: push");
    ObjectNode edited = (ObjectNode) JSON.readTree(octokit("pull_request/opened.payload.json"));
    edited.put("action", "edited");
    assertThat(send(url, "pull_request", JSON.writeValueAsBytes(edited)))
        .isEqualTo("202 {bot=ignored: only the title of an edit matters}");
    ObjectNode otherRepo = (ObjectNode) JSON.readTree(octokit("pull_request/opened.payload.json"));
    ((ObjectNode) otherRepo.get("repository")).put("full_name", "someone/Hello-World");
    assertThat(send(url, "pull_request", JSON.writeValueAsBytes(otherRepo)))
        .startsWith("202 {bot=ignored");
    assertThat(send(url, "pull_request", "not json".getBytes(StandardCharsets.UTF_8)))
        .startsWith("400 ");
    assertThat(send(url, "pull_request", "[1, 2]".getBytes(StandardCharsets.UTF_8)))
        .startsWith("400 ");
    assertThat(queued).isEmpty();

    edited.putObject("changes").putObject("title").put("from", "Update the README");
    assertThat(send(url, "pull_request", JSON.writeValueAsBytes(edited)))
        .isEqualTo("202 {bot=queued #2}");
    assertThat(send(url, "pull_request", octokit("pull_request/reopened.payload.json")))
        .isEqualTo("202 {bot=queued #2}");
    assertThat(queued).containsExactly(new Queued(2, true), new Queued(2, false));
  }

  @Test
  void theEventAndDeliveryHeadersAreRequired() throws Exception {
    URI url = start(Optional.of(new WebhookSignature(SECRET)));
    byte[] body = octokit("pull_request/opened.payload.json");
    HttpRequest.Builder noDelivery =
        HttpRequest.newBuilder(url)
            .header("X-GitHub-Event", "pull_request")
            .header("X-Hub-Signature-256", sign(body).get())
            .POST(HttpRequest.BodyPublishers.ofByteArray(body));
    HttpResponse<String> answer =
        http.send(noDelivery.build(), HttpResponse.BodyHandlers.ofString());
    assertThat(answer.statusCode()).isEqualTo(400);
    assertThat(answer.body()).contains("missing X-GitHub-Delivery header");
    assertThat(queued).isEmpty();
  }

  @Test
  void snoopBotsFormerPathTakesDeliveriesToo() throws Exception {
    URI url = start(Optional.of(new WebhookSignature(SECRET))).resolve("/webhook");
    byte[] body = octokit("pull_request/opened.payload.json");
    assertThat(post(url, "pull_request", uuid(), body, sign(body)).statusCode()).isEqualTo(202);
    assertThat(queued).containsExactly(new Queued(2, false));
  }

  private int deliveries() {
    return sql.fetchCount(sql.selectFrom("snoop.webhook_delivery"));
  }

  private int recorded(String id) {
    return sql.fetchCount(sql.selectFrom("snoop.webhook_delivery").where("delivery_id = ?", id));
  }

  /** The answer as status and reactions. */
  private String send(URI url, String event, byte[] body) throws Exception {
    HttpResponse<String> answer = post(url, event, uuid(), body, sign(body));
    JsonNode json = JSON.readTree(answer.body());
    return answer.statusCode()
        + " "
        + (json.has("reactions")
            ? JSON.convertValue(json.get("reactions"), Map.class).toString()
            : json.get("error").asText());
  }

  private HttpResponse<String> post(
      URI url, String event, String delivery, byte[] body, Optional<String> signature)
      throws Exception {
    HttpRequest.Builder request =
        HttpRequest.newBuilder(url)
            .header("X-GitHub-Event", event)
            .header("X-GitHub-Delivery", delivery)
            .header("X-GitHub-Hook-ID", "292430182")
            .header("User-Agent", "GitHub-Hookshot/044aadd")
            .header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofByteArray(body));
    signature.ifPresent(s -> request.header("X-Hub-Signature-256", s));
    return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
  }

  private static Optional<String> sign(byte[] body) {
    return Optional.of(new WebhookSignature(SECRET).sign(body));
  }

  private static String uuid() {
    return UUID.randomUUID().toString();
  }

  /** A payload octokit recorded from GitHub, as GitHub sends it. */
  private static byte[] octokit(String file) throws IOException {
    return Files.readAllBytes(SharedData.path("prow/webhooks/octokit/" + file));
  }
}
