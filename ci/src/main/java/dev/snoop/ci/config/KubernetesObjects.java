package dev.snoop.ci.config;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import tools.jackson.core.JacksonException;
import tools.jackson.core.JsonParser;
import tools.jackson.core.TokenStreamContext;
import tools.jackson.databind.BeanDescription;
import tools.jackson.databind.DatabindException;
import tools.jackson.databind.DeserializationConfig;
import tools.jackson.databind.DeserializationContext;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.ValueDeserializer;
import tools.jackson.databind.deser.BeanDeserializerBuilder;
import tools.jackson.databind.deser.DeserializationProblemHandler;
import tools.jackson.databind.deser.ValueDeserializerModifier;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.module.SimpleModule;

/**
 * Reads Kubernetes objects (a PodSpec, an EnvVar, ...) with fabric8's model, refusing fields the
 * Kubernetes API does not have. fabric8's classes keep unknown fields in {@code
 * additionalProperties}; here that catch-all is removed, so every unknown field is reported with
 * its path, as Prow's strict loading reports it.
 */
final class KubernetesObjects {
  private static final String FINDINGS = "snoop.findings";
  private static final ObjectMapper MAPPER =
      JsonMapper.builder()
          .addModule(new SimpleModule("strict-fabric8").setDeserializerModifier(new NoCatchAll()))
          .addHandler(new UnknownFieldCollector())
          .build();

  private KubernetesObjects() {}

  /** A field of a Kubernetes object the reader refused: its path below the object, and why. */
  record Finding(String path, String message) {}

  /**
   * The object {@code node} describes, with the problems found in it (unknown fields, values of the
   * wrong type); empty when a value could not be read at all.
   */
  static <T> Optional<T> read(JsonNode node, Class<T> type, List<Finding> findings) {
    List<Finding> found = new ArrayList<>();
    try {
      T value = MAPPER.readerFor(type).withAttribute(FINDINGS, found).readValue(node);
      findings.addAll(found);
      return Optional.ofNullable(value);
    } catch (DatabindException e) {
      findings.addAll(found);
      findings.add(new Finding(dotted(e.getPathReference()), e.getOriginalMessage()));
      return Optional.empty();
    } catch (JacksonException e) {
      findings.addAll(found);
      findings.add(new Finding("", e.getOriginalMessage()));
      return Optional.empty();
    }
  }

  /**
   * Jackson's {@code io.fabric8...PodSpec["containers"]->...Container["foo"]} as {@code
   * containers[0].foo}.
   */
  private static String dotted(String pathReference) {
    StringBuilder out = new StringBuilder();
    var m = java.util.regex.Pattern.compile("\\[\"([^\"]*)\"]|\\[(\\d+)]").matcher(pathReference);
    while (m.find()) {
      if (m.group(1) != null) {
        out.append(out.isEmpty() ? "" : ".").append(m.group(1));
      } else {
        out.append('[').append(m.group(2)).append(']');
      }
    }
    return out.toString();
  }

  private static String path(TokenStreamContext context, String field) {
    List<String> parts = new ArrayList<>();
    for (TokenStreamContext c = context; c != null && !c.inRoot(); c = c.getParent()) {
      if (c.inArray()) {
        parts.add(0, "[" + Math.max(c.getCurrentIndex(), 0) + "]");
      } else if (c.currentName() != null && c != context) {
        parts.add(0, "." + c.currentName());
      }
    }
    String prefix = String.join("", parts);
    prefix = prefix.startsWith(".") ? prefix.substring(1) : prefix;
    return prefix.isEmpty() ? field : prefix + "." + field;
  }

  /** Takes away fabric8's catch-all for unknown fields and its "ignore unknown" switch. */
  private static final class NoCatchAll extends ValueDeserializerModifier {
    @Override
    public BeanDeserializerBuilder updateBuilder(
        DeserializationConfig config,
        BeanDescription.Supplier description,
        BeanDeserializerBuilder builder) {
      if (description.getBeanClass().getName().startsWith("io.fabric8.")) {
        builder.setAnySetter(null);
        builder.setIgnoreUnknownProperties(false);
      }
      return builder;
    }
  }

  /** Notes each unknown field and skips its value, so that one read finds them all. */
  private static final class UnknownFieldCollector extends DeserializationProblemHandler {
    @Override
    @SuppressWarnings("unchecked")
    public boolean handleUnknownProperty(
        DeserializationContext context,
        JsonParser parser,
        ValueDeserializer<?> deserializer,
        Object bean,
        String property) {
      Object findings = context.getAttribute(FINDINGS);
      if (findings == null) {
        return false;
      }
      TokenStreamContext where = parser.streamReadContext();
      if (parser.currentToken() != null && parser.currentToken().isStructStart()) {
        where = where.getParent(); // the parser is already inside the field's value
      }
      ((List<Finding>) findings).add(new Finding(path(where, property), "unknown field"));
      parser.skipChildren();
      return true;
    }
  }
}
