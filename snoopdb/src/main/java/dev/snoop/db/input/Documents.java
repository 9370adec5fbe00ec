package dev.snoop.db.input;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import java.io.IOException;

/**
 * Parses input bytes as JSON or YAML into a tree, turning every failure into an {@link
 * InputException} that names the input, what it was expected to be, and where it broke.
 */
public final class Documents {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final ObjectMapper YAML = new YAMLMapper();

  private Documents() {}

  /**
   * @param what what the input should be, for messages: "an OpenAPI v2 spec (swagger.json)"
   */
  public static JsonNode json(InputBytes input, String what) {
    return parse(JSON, input, what, "JSON");
  }

  public static JsonNode yaml(InputBytes input, String what) {
    return parse(YAML, input, what, "YAML");
  }

  private static JsonNode parse(ObjectMapper mapper, InputBytes input, String what, String format) {
    String problem = input.obviousProblem();
    if (problem != null) {
      throw new InputException(input.source() + ": " + problem + "; expected " + what);
    }
    try {
      JsonNode tree = mapper.readTree(input.bytes());
      if (tree == null || tree.isMissingNode()) {
        throw new InputException(input.source() + ": is empty; expected " + what);
      }
      return tree;
    } catch (JsonProcessingException e) {
      JsonLocation at = e.getLocation();
      String where =
          at == null ? "" : " at line " + at.getLineNr() + ", column " + at.getColumnNr();
      String reason = e.getOriginalMessage();
      boolean truncated = reason != null && reason.contains("end-of-input");
      throw new InputException(
          input.source()
              + ": not valid "
              + format
              + where
              + (truncated ? " (the file ends too early: truncated?)" : "")
              + ": "
              + firstLine(reason)
              + "; expected "
              + what,
          e);
    } catch (IOException e) {
      throw new InputException(input.source() + ": cannot parse: " + e.getMessage(), e);
    }
  }

  private static String firstLine(String text) {
    return text == null ? "" : text.lines().findFirst().orElse("");
  }

  /** Describes a node's JSON type for "expected X but found Y" messages. */
  public static String typeOf(JsonNode node) {
    if (node == null || node.isMissingNode()) {
      return "nothing";
    }
    return switch (node.getNodeType()) {
      case ARRAY -> "a list";
      case OBJECT -> "a mapping";
      case STRING -> "the text \"" + abbreviate(node.asText()) + "\"";
      case NUMBER -> "the number " + node.asText();
      case BOOLEAN -> "a boolean";
      case NULL -> "null";
      default -> node.getNodeType().toString().toLowerCase();
    };
  }

  private static String abbreviate(String text) {
    return text.length() > 40 ? text.substring(0, 40) + "..." : text;
  }
}
