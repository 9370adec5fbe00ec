package dev.snoop.web.hook;

import static dev.snoop.db.jooq.snoop.Tables.WEBHOOK_DELIVERY;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.jooq.DSLContext;
import org.jooq.JSONB;

/** The webhook deliveries the server acted on ({@code snoop.webhook_delivery}), by delivery id. */
final class DeliveryStore {
  private static final ObjectMapper JSON = new ObjectMapper();

  private DeliveryStore() {}

  /**
   * Records the delivery in {@code tx} unless it is recorded already. A second server inserting the
   * same id at once waits for the first one's transaction and then finds it recorded.
   *
   * @return whether it is new
   */
  static boolean claim(DSLContext tx, String id, String event) {
    return tx.insertInto(WEBHOOK_DELIVERY)
            .set(WEBHOOK_DELIVERY.DELIVERY_ID, id)
            .set(WEBHOOK_DELIVERY.EVENT, event)
            .set(WEBHOOK_DELIVERY.REACTIONS, JSONB.valueOf("{}"))
            .onConflictDoNothing()
            .execute()
        == 1;
  }

  /** Records what each consumer did with the claimed delivery. */
  static void react(DSLContext tx, String id, Map<String, String> reactions) {
    tx.update(WEBHOOK_DELIVERY)
        .set(WEBHOOK_DELIVERY.REACTIONS, JSONB.valueOf(json(reactions)))
        .where(WEBHOOK_DELIVERY.DELIVERY_ID.eq(id))
        .execute();
  }

  /** What the consumers did with a recorded delivery. */
  @SuppressWarnings("unchecked")
  static Optional<Map<String, String>> reactions(DSLContext sql, String id) {
    return sql.select(WEBHOOK_DELIVERY.REACTIONS)
        .from(WEBHOOK_DELIVERY)
        .where(WEBHOOK_DELIVERY.DELIVERY_ID.eq(id))
        .fetchOptional(WEBHOOK_DELIVERY.REACTIONS)
        .map(
            json -> {
              try {
                return new LinkedHashMap<String, String>(JSON.readValue(json.data(), Map.class));
              } catch (JsonProcessingException e) {
                throw new IllegalStateException("webhook_delivery.reactions of " + id, e);
              }
            });
  }

  private static String json(Map<String, String> reactions) {
    try {
      return JSON.writeValueAsString(reactions);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }
}
