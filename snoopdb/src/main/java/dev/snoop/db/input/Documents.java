package dev.snoop.db.input;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import java.io.IOException;
import java.util.stream.Collectors;

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
      boolean truncated =
          reason != null && (reason.contains("end-of-input") || reason.contains("end of stream"));
      throw new InputException(
          input.source()
              + ": not valid "
              + format
              + where
              + (truncated ? " (the file ends too early: truncated?)" : "")
              + ": "
              + summary(reason)
              + "; expected "
              + what,
          e);
    } catch (IOException e) {
      throw new InputException(input.source() + ": cannot parse: " + e.getMessage(), e);
    }
  }

  /**
   * The lines of a parser message that say what is wrong, without the positions and excerpts a YAML
   * parser adds as indented lines: "while scanning a quoted scalar, found unexpected end of
   * stream".
   */
  private static String summary(String text) {
    return text == null
        ? ""
        : text.lines()
            .filter(line -> !line.isBlank() && !Character.isWhitespace(line.charAt(0)))
            .collect(Collectors.joining(", "));
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
