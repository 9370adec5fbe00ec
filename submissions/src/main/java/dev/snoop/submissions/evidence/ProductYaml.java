package dev.snoop.submissions.evidence;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import java.io.IOException;
import java.util.Optional;

/**
 * A PRODUCT.yaml parsed: either a mapping of fields, or why it is not one.
 *
 * @param fields the top-level mapping, when the file is one
 * @param problem why the file is not a mapping, when it is not
 */
public record ProductYaml(Optional<JsonNode> fields, Optional<String> problem) {
  /** The fields the instructions require. */
  public static final java.util.List<String> REQUIRED =
      java.util.List.of(
          "vendor",
          "name",
          "version",
          "type",
          "description",
          "website_url",
          "documentation_url",
          "contact_email_address");

  private static final ObjectMapper YAML = new YAMLMapper();

  public static ProductYaml parse(byte[] content) {
    try {
      JsonNode root = YAML.readTree(content);
      if (root == null || root.isMissingNode() || root.isNull()) {
        return new ProductYaml(Optional.empty(), Optional.of("the document is empty"));
      }
      if (!root.isObject()) {
        return new ProductYaml(
            Optional.empty(), Optional.of("expected a mapping of fields but found " + kind(root)));
      }
      return new ProductYaml(Optional.of(root), Optional.empty());
    } catch (JsonProcessingException e) {
      String where = e.getLocation() == null ? "" : " at line " + e.getLocation().getLineNr();
      String reason =
          e.getOriginalMessage() == null
              ? ""
              : e.getOriginalMessage().lines().findFirst().orElse("");
      return new ProductYaml(
          Optional.empty(), Optional.of("not valid YAML" + where + ": " + reason));
    } catch (IOException e) {
      return new ProductYaml(Optional.empty(), Optional.of("cannot be read: " + e.getMessage()));
    }
  }

  public boolean isMapping() {
    return fields.isPresent();
  }

  /** Whether the field is there and not YAML null (the bot's "required" rule). */
  public boolean hasNonNull(String field) {
    return fields.map(f -> f.has(field) && !f.get(field).isNull()).orElse(false);
  }

  /** Whether every value is a scalar, as the bot's string map needs. */
  public boolean allScalar() {
    if (fields.isEmpty()) {
      return false;
    }
    for (JsonNode value : fields.get()) {
      if (value.isContainerNode()) {
        return false;
      }
    }
    return true;
  }

  /** The field as text: empty when absent or null (the bot's string map reads it so). */
  public String text(String field) {
    JsonNode value = fields.map(f -> f.get(field)).orElse(null);
    return value == null || value.isNull() || value.isContainerNode() ? "" : value.asText();
  }

  static String kind(JsonNode node) {
    if (node.isArray()) {
      return "a list";
    }
    if (node.isTextual()) {
      return "the text \"" + abbreviate(node.asText()) + "\"";
    }
    return node.getNodeType().toString().toLowerCase();
  }

  private static String abbreviate(String text) {
    return text.length() > 40 ? text.substring(0, 40) + "..." : text;
  }
}
