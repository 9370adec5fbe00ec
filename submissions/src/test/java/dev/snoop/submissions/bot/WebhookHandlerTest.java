package dev.snoop.submissions.bot;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Webhook deliveries: signatures, which events queue a PR, and the answers. */
class WebhookHandlerTest {
  private static final byte[] SECRET =
      "It's a Secret to Everybody".getBytes(StandardCharsets.UTF_8);
  private static final ObjectMapper JSON = new ObjectMapper();

  record Queued(int number, boolean force) {}

  private final List<Queued> queued = new ArrayList<>();
  private final HttpClient http = HttpClient.newHttpClient();
  private HttpServer server;

  @AfterEach
  void stop() {
    if (server != null) {
      server.stop(0);
    }
  }

  private URI start(Optional<WebhookSignature> signature) throws IOException {
    server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    server.createContext(
        "/webhook",
        new WebhookHandler(
            FakeGitHub.REPO, signature, (n, force) -> queued.add(new Queued(n, force))));
    server.start();
    return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/webhook");
  }

  @Test
  void theSignatureIsGitHubsHmacSha256() {
    // the example in GitHub's "Validating webhook deliveries"
    WebhookSignature signature = new WebhookSignature(SECRET);
    byte[] body = "Hello, World!".getBytes(StandardCharsets.UTF_8);
    String expected = "sha256=757107ea0eb2509fc211221cce984b8a37570b6d7586c22c46f4379c8b043e17";
    assertThat(signature.sign(body)).isEqualTo(expected);
    assertThat(signature.matches(body, Optional.of(expected))).isTrue();
    assertThat(signature.matches(body, Optional.of(expected.toUpperCase().replace("SHA", "sha"))))
        .isTrue();
    assertThat(signature.matches(body, Optional.of(expected.replace("e17", "e18")))).isFalse();
    assertThat(signature.matches(body, Optional.of("sha1=757107ea"))).isFalse();
    assertThat(signature.matches(body, Optional.empty())).isFalse();
  }

  @Test
  void aSignedOpenedEventQueuesThePr() throws Exception {
    URI url = start(Optional.of(new WebhookSignature(SECRET)));
    byte[] body = fixture("opened");
    HttpResponse<String> answer = post(url, "pull_request", body, sign(body));
    assertThat(answer.statusCode()).isEqualTo(202);
    assertThat(answer.body()).isEqualTo("queued #3297\n");
    assertThat(queued).containsExactly(new Queued(3297, false));
  }

  @Test
  void aBadOrMissingSignatureIsRefusedAndNothingQueued() throws Exception {
    URI url = start(Optional.of(new WebhookSignature(SECRET)));
    byte[] body = fixture("opened");
    String forged =
        new WebhookSignature("another secret".getBytes(StandardCharsets.UTF_8)).sign(body);
    assertThat(post(url, "pull_request", body, Optional.of(forged)).statusCode()).isEqualTo(401);
    assertThat(post(url, "pull_request", body, Optional.empty()).statusCode()).isEqualTo(401);
    byte[] tampered =
        new String(body, StandardCharsets.UTF_8)
            .replace("3297", "3298")
            .getBytes(StandardCharsets.UTF_8);
    assertThat(post(url, "pull_request", tampered, sign(body)).statusCode()).isEqualTo(401);
    assertThat(queued).isEmpty();
  }

  @Test
  void withoutASecretDeliveriesAreAcceptedUnsigned() throws Exception {
    URI url = start(Optional.empty());
    assertThat(post(url, "pull_request", fixture("synchronize"), Optional.empty()).statusCode())
        .isEqualTo(202);
    assertThat(queued).containsExactly(new Queued(3297, false));
  }

  @Test
  void onlyTheEventsThatCanChangeTheVerificationQueue() throws Exception {
    URI url = start(Optional.of(new WebhookSignature(SECRET)));
    assertThat(
            send(
                url,
                "ping",
                JSON.writeValueAsBytes(Map.of("zen", "Design for failure.", "hook_id", 1))))
        .isEqualTo("200 pong\n");
    assertThat(send(url, "pull_request", fixture("closed")))
        .startsWith("202 ignored: pull_request closed");
    assertThat(send(url, "pull_request", fixture("labeled"))).startsWith("202 ignored");
    assertThat(send(url, "issue_comment", fixture("opened")))
        .startsWith("202 ignored: issue_comment");
    assertThat(send(url, "pull_request", fixture("edited")))
        .isEqualTo("202 ignored: only the title of an edit matters\n");
    ObjectNode otherRepo = (ObjectNode) JSON.readTree(fixture("opened"));
    ((ObjectNode) otherRepo.get("repository")).put("full_name", "someone/k8s-conformance");
    assertThat(send(url, "pull_request", JSON.writeValueAsBytes(otherRepo)))
        .startsWith("202 ignored");
    assertThat(send(url, "pull_request", "not json".getBytes(StandardCharsets.UTF_8)))
        .startsWith("400 ");
    assertThat(queued).isEmpty();

    ObjectNode titleEdit = (ObjectNode) JSON.readTree(fixture("edited"));
    titleEdit.putObject("changes").putObject("title").put("from", "Conformance results v1.30/acp");
    assertThat(send(url, "pull_request", JSON.writeValueAsBytes(titleEdit)))
        .isEqualTo("202 queued #3297\n");
    assertThat(send(url, "pull_request", fixture("reopened"))).isEqualTo("202 queued #3297\n");
    assertThat(queued).containsExactly(new Queued(3297, true), new Queued(3297, false));

    HttpResponse<String> get =
        http.send(HttpRequest.newBuilder(url).GET().build(), HttpResponse.BodyHandlers.ofString());
    assertThat(get.statusCode()).isEqualTo(405);
  }

  private String send(URI url, String event, byte[] body) throws Exception {
    HttpResponse<String> answer = post(url, event, body, sign(body));
    return answer.statusCode() + " " + answer.body();
  }

  private HttpResponse<String> post(URI url, String event, byte[] body, Optional<String> signature)
      throws Exception {
    HttpRequest.Builder request =
        HttpRequest.newBuilder(url)
            .header("X-GitHub-Event", event)
            .header("X-GitHub-Delivery", "72d3162e-cc78-11e3-81ab-4c9367dc0958")
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

  /** The recorded opened delivery, with another action. */
  private static byte[] fixture(String action) throws IOException {
    ObjectNode payload = FakeGitHub.fixture("webhook-pull-request-opened").deepCopy();
    payload.put("action", action);
    return JSON.writeValueAsBytes(payload);
  }
}
