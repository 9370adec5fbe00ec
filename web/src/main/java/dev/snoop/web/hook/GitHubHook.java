package dev.snoop.web.hook;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.snoop.web.HttpProblem;
import dev.snoop.web.RequestBody;
import dev.snoop.web.Routes;
import io.javalin.http.Context;
import io.javalin.router.JavalinDefaultRouting;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.jooq.DSLContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code POST /hook}: GitHub's webhook deliveries, handed to every {@link HookConsumer}. In this
 * order: the body is read within the size limit; its {@code X-Hub-Signature-256} is checked (401
 * when the server has a secret and it does not match, before anything else is looked at); the
 * {@code X-GitHub-Event} and {@code X-GitHub-Delivery} headers and the JSON body are checked (400);
 * then, in one transaction, the delivery id is recorded and each consumer acts. GitHub is answered
 * (202, {@code ping} 200) after that commits; a delivery id recorded before (a redelivery) reaches
 * no consumer and is answered 200 with what was done the first time.
 *
 * <p>{@code /webhook}, where {@code snoop bot --listen} took deliveries, takes them too, so
 * webhooks configured for it keep working.
 */
public final class GitHubHook implements Routes {
  private static final Logger log = LoggerFactory.getLogger(GitHubHook.class);
  private static final ObjectMapper JSON = new ObjectMapper();

  /** GitHub caps payloads at 25 MB. */
  static final long MAX_BODY = 25L * 1024 * 1024;

  private final DSLContext sql;
  private final Optional<WebhookSignature> signature;
  private final Map<String, HookConsumer> consumers;

  /**
   * @param signature the secret's checker; without one every delivery is taken unsigned
   * @param consumers by name (the name keys the delivery's reactions), called in this order
   */
  public GitHubHook(
      DSLContext sql, Optional<WebhookSignature> signature, Map<String, HookConsumer> consumers) {
    this.sql = sql;
    this.signature = signature;
    this.consumers = new LinkedHashMap<>(consumers);
  }

  /** The answer to a delivery. */
  record Answer(String delivery, boolean redelivery, Map<String, String> reactions) {}

  @Override
  public void addTo(JavalinDefaultRouting router) {
    router.post("/hook", this::receive);
    router.post("/webhook", this::receive);
  }

  private void receive(Context ctx) {
    byte[] body = RequestBody.read(ctx, MAX_BODY);
    if (signature.isPresent()
        && !signature.get().matches(body, Optional.ofNullable(ctx.header("X-Hub-Signature-256")))) {
      log.warn(
          "webhook delivery {} from {}: bad or missing X-Hub-Signature-256, refused",
          ctx.header("X-GitHub-Delivery"),
          ctx.ip());
      throw new HttpProblem(401, "bad or missing X-Hub-Signature-256");
    }
    String event = requiredHeader(ctx, "X-GitHub-Event");
    String id = requiredHeader(ctx, "X-GitHub-Delivery");
    HookDelivery delivery = new HookDelivery(id, event, payload(body));
    Answer answer = sql.transactionResult(tx -> dispatch(tx.dsl(), delivery));
    if (!answer.redelivery()) {
      consumers.values().forEach(c -> c.committed(delivery));
    }
    log.info("webhook delivery {} ({}): {}", id, event, answer);
    ctx.status(answer.redelivery() || event.equals("ping") ? 200 : 202).json(answer);
  }

  private Answer dispatch(DSLContext tx, HookDelivery delivery) {
    if (!DeliveryStore.claim(tx, delivery.id(), delivery.event())) {
      return new Answer(
          delivery.id(), true, DeliveryStore.reactions(tx, delivery.id()).orElse(Map.of()));
    }
    Map<String, String> reactions = new LinkedHashMap<>();
    if (delivery.event().equals("ping")) {
      reactions.put("hook", "pong");
    } else {
      consumers.forEach((name, consumer) -> reactions.put(name, consumer.accept(delivery, tx)));
    }
    DeliveryStore.react(tx, delivery.id(), reactions);
    return new Answer(delivery.id(), false, reactions);
  }

  private static String requiredHeader(Context ctx, String name) {
    String value = ctx.header(name);
    if (value == null || value.isBlank()) {
      throw new HttpProblem(400, "missing " + name + " header");
    }
    return value.strip();
  }

  private static JsonNode payload(byte[] body) {
    JsonNode payload;
    try {
      payload = JSON.readTree(body);
    } catch (JsonProcessingException e) {
      throw new HttpProblem(400, "the body is not JSON: " + e.getOriginalMessage());
    } catch (IOException e) {
      throw new HttpProblem(400, "the body is not JSON: " + e.getMessage());
    }
    if (payload == null || !payload.isObject()) {
      throw new HttpProblem(400, "the body is not a JSON object");
    }
    return payload;
  }
}
