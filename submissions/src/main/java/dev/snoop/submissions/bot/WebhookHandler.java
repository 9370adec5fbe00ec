package dev.snoop.submissions.bot;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What the bot does with one GitHub webhook event, whatever server received it: queues the pull
 * request of an {@code opened}, {@code synchronize}, {@code reopened} or title-{@code edited} event
 * of the bot's repository and ignores every other event. The verification runs later, on the
 * queue's worker. The server checks the delivery's signature and parses it before calling this.
 */
public final class WebhookHandler {
  private static final Logger log = LoggerFactory.getLogger(WebhookHandler.class);
  private static final Set<String> ACTIONS = Set.of("opened", "synchronize", "reopened", "edited");

  /** Where queued pull requests go. */
  @FunctionalInterface
  public interface Queue {
    /**
     * @param force verify even if nothing seems changed (a title edit)
     */
    void enqueue(int number, boolean force);
  }

  private final String repo;
  private final Queue queue;

  public WebhookHandler(String repo, Queue queue) {
    this.repo = repo;
    this.queue = queue;
  }

  /**
   * Acts on one event.
   *
   * @param event the {@code X-GitHub-Event} header: pull_request, ping, ...
   * @param payload the delivery's JSON object
   * @return what was done, for the answer and the log: {@code queued #N} or {@code ignored: ...}
   */
  public String handle(String event, JsonNode payload) {
    String action = payload.path("action").asText();
    String fullName = payload.path("repository").path("full_name").asText();
    int number = payload.path("pull_request").path("number").asInt(-1);
    if (!event.equals("pull_request")
        || !ACTIONS.contains(action)
        || !fullName.equalsIgnoreCase(repo)
        || number < 0) {
      return "ignored: " + event + " " + action + " " + fullName;
    }
    boolean titleEdited = action.equals("edited") && payload.path("changes").has("title");
    if (action.equals("edited") && !titleEdited) {
      return "ignored: only the title of an edit matters";
    }
    queue.enqueue(number, titleEdited);
    log.info("webhook: {} #{} {}, queued", repo, number, action);
    return "queued #" + number;
  }
}
