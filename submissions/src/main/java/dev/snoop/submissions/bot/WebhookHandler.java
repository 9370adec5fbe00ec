package dev.snoop.submissions.bot;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * GitHub's webhook deliveries: checks the signature when a secret is set, and queues the pull
 * request of an {@code opened}, {@code synchronize}, {@code reopened} or title-{@code edited} event
 * of the bot's repository; answers at once (202), the verification runs later.
 */
public final class WebhookHandler implements HttpHandler {
  private static final Logger log = LoggerFactory.getLogger(WebhookHandler.class);
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Set<String> ACTIONS = Set.of("opened", "synchronize", "reopened", "edited");

  /** GitHub caps payloads at 25 MB. */
  private static final int MAX_BODY = 25 * 1024 * 1024;

  /** Where queued pull requests go. */
  @FunctionalInterface
  public interface Queue {
    /**
     * @param force verify even if nothing seems changed (a title edit)
     */
    void enqueue(int number, boolean force);
  }

  private final String repo;
  private final Optional<WebhookSignature> signature;
  private final Queue queue;

  /**
   * @param signature the secret's signature checker; without one every delivery is accepted
   */
  public WebhookHandler(String repo, Optional<WebhookSignature> signature, Queue queue) {
    this.repo = repo;
    this.signature = signature;
    this.queue = queue;
  }

  @Override
  public void handle(HttpExchange exchange) throws IOException {
    try (exchange) {
      if (!exchange.getRequestMethod().equals("POST")) {
        exchange.getResponseHeaders().set("Allow", "POST");
        answer(exchange, 405, "POST a GitHub webhook delivery here");
        return;
      }
      byte[] body;
      try (InputStream in = exchange.getRequestBody()) {
        body = in.readNBytes(MAX_BODY + 1);
      }
      if (body.length > MAX_BODY) {
        answer(exchange, 413, "payload too large");
        return;
      }
      String delivery = header(exchange, "X-GitHub-Delivery").orElse("?");
      if (signature.isPresent()
          && !signature.get().matches(body, header(exchange, "X-Hub-Signature-256"))) {
        log.warn("webhook delivery {}: bad or missing X-Hub-Signature-256, refused", delivery);
        answer(exchange, 401, "bad or missing X-Hub-Signature-256");
        return;
      }
      String event = header(exchange, "X-GitHub-Event").orElse("");
      JsonNode payload;
      try {
        payload = JSON.readTree(body);
      } catch (IOException e) {
        answer(exchange, 400, "the body is not JSON");
        return;
      }
      if (payload == null || !payload.isObject()) {
        answer(exchange, 400, "the body is not a JSON object");
        return;
      }
      if (event.equals("ping")) {
        answer(exchange, 200, "pong");
        return;
      }
      String action = payload.path("action").asText();
      String fullName = payload.path("repository").path("full_name").asText();
      int number = payload.path("pull_request").path("number").asInt(-1);
      if (!event.equals("pull_request")
          || !ACTIONS.contains(action)
          || !fullName.equalsIgnoreCase(repo)
          || number < 0) {
        answer(exchange, 202, "ignored: " + event + " " + action + " " + fullName);
        return;
      }
      boolean titleEdited = action.equals("edited") && payload.path("changes").has("title");
      if (action.equals("edited") && !titleEdited) {
        answer(exchange, 202, "ignored: only the title of an edit matters");
        return;
      }
      queue.enqueue(number, titleEdited);
      log.info("webhook delivery {}: {} #{} {}, queued", delivery, repo, number, action);
      answer(exchange, 202, "queued #" + number);
    }
  }

  private static Optional<String> header(HttpExchange exchange, String name) {
    return Optional.ofNullable(exchange.getRequestHeaders().getFirst(name));
  }

  private static void answer(HttpExchange exchange, int status, String text) throws IOException {
    byte[] bytes = (text + "\n").getBytes(StandardCharsets.UTF_8);
    exchange.getResponseHeaders().set("Content-Type", "text/plain; charset=utf-8");
    exchange.sendResponseHeaders(status, bytes.length);
    try (OutputStream out = exchange.getResponseBody()) {
      out.write(bytes);
    }
  }
}
