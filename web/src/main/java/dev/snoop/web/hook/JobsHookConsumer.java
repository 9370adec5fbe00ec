package dev.snoop.web.hook;

import dev.snoop.ci.trigger.EventTrigger;
import org.jooq.DSLContext;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The job engine's share of {@code /hook}: each new delivery goes to the engine's trigger, whose
 * runs are stored in the delivery's transaction, so GitHub is answered only once they are committed
 * and a redelivery starts nothing.
 */
public final class JobsHookConsumer implements HookConsumer {
  private final EventTrigger trigger;

  public JobsHookConsumer(EventTrigger trigger) {
    this.trigger = trigger;
  }

  @Override
  public String accept(HookDelivery delivery, DSLContext tx) {
    // the engine reads JSON with Jackson 3 (fabric8's), the server with Jackson 2
    JsonNode payload = JsonMapper.shared().readTree(delivery.payload().toString());
    return trigger.accept(delivery.event(), delivery.id(), payload, tx).summary();
  }
}
