package dev.snoop.ci.trigger;

import dev.snoop.ci.trigger.TriggerDecision.Decided;
import java.util.List;
import tools.jackson.databind.SerializationFeature;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/** A trigger decision as {@code snoop jobs triggered} prints it, as text or JSON. */
public final class DecisionText {
  private static final JsonMapper JSON =
      JsonMapper.builder().enable(SerializationFeature.INDENT_OUTPUT).build();

  private DecisionText() {}

  public static String text(TriggerDecision decision) {
    StringBuilder out = new StringBuilder();
    decision.notes().forEach(n -> out.append("note: ").append(n).append('\n'));
    out.append(decision.started().size()).append(" started:\n");
    for (Decided d : decision.started()) {
      out.append("  ").append(d.job().name()).append(": ").append(d.reason()).append('\n');
    }
    out.append(decision.notStarted().size()).append(" not started:\n");
    for (Decided d : decision.notStarted()) {
      out.append("  ").append(d.job().name()).append(": ").append(d.reason()).append('\n');
    }
    return out.toString();
  }

  public static String json(TriggerDecision decision) {
    ObjectNode o = JsonNodeFactory.instance.objectNode();
    decided(o.putArray("started"), decision.started());
    decided(o.putArray("not_started"), decision.notStarted());
    decision
        .abortsPullRequest()
        .ifPresentOrElse(
            n -> o.put("aborts_pull_request", n), () -> o.putNull("aborts_pull_request"));
    ArrayNode notes = o.putArray("notes");
    decision.notes().forEach(notes::add);
    return JSON.writeValueAsString(o);
  }

  private static void decided(ArrayNode array, List<Decided> decided) {
    for (Decided d : decided) {
      ObjectNode o = array.addObject();
      o.put("name", d.job().name());
      o.put("type", d.job().type().prowName());
      d.job().context().ifPresent(c -> o.put("context", c));
      o.put("reason", d.reason());
    }
  }
}
