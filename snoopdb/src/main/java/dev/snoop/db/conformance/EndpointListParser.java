package dev.snoop.db.conformance;

import com.fasterxml.jackson.databind.JsonNode;
import dev.snoop.db.input.Documents;
import dev.snoop.db.input.InputBytes;
import dev.snoop.db.input.InputException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Parses kubernetes' ineligible_endpoints.yaml (or APISnoop's ineligible_endpoints.json, the same
 * list as JSON) and pending_eligible_endpoints.yaml (a plain list, or only a comment when empty).
 */
public final class EndpointListParser {
  static final String INELIGIBLE =
      "ineligible_endpoints.yaml or .json (a list of {endpoint, reason, link})";
  static final String PENDING = "pending_eligible_endpoints.yaml (a list of operationIds)";

  private EndpointListParser() {}

  public static List<IneligibleEndpoint> ineligible(InputBytes input) {
    JsonNode root = Documents.yaml(input, INELIGIBLE);
    if (!root.isArray() || root.isEmpty()) {
      throw new InputException(
          input.source() + ": expected " + INELIGIBLE + " but found " + Documents.typeOf(root));
    }
    List<IneligibleEndpoint> endpoints = new ArrayList<>();
    Set<String> seen = new HashSet<>();
    for (int i = 0; i < root.size(); i++) {
      JsonNode item = root.get(i);
      String where = input.source() + ": entry " + (i + 1);
      String endpoint = item.path("endpoint").asText("").strip();
      if (!item.isObject() || endpoint.isEmpty()) {
        throw new InputException(where + ": expected {endpoint, reason, link} with an endpoint");
      }
      if (!seen.add(endpoint)) {
        throw new InputException(where + ": endpoint " + endpoint + " is listed twice");
      }
      endpoints.add(
          new IneligibleEndpoint(
              endpoint, item.path("reason").asText(null), item.path("link").asText(null)));
    }
    return endpoints;
  }

  public static List<String> pending(InputBytes input) {
    if (onlyComments(input)) {
      return List.of();
    }
    JsonNode root = Documents.yaml(input, PENDING);
    if (!root.isArray()) {
      throw new InputException(
          input.source() + ": expected " + PENDING + " but found " + Documents.typeOf(root));
    }
    List<String> endpoints = new ArrayList<>();
    for (int i = 0; i < root.size(); i++) {
      JsonNode item = root.get(i);
      if (!item.isTextual() || item.asText().isBlank()) {
        throw new InputException(
            input.source()
                + ": entry "
                + (i + 1)
                + ": expected an operationId but found "
                + Documents.typeOf(item));
      }
      if (!endpoints.contains(item.asText().strip())) {
        endpoints.add(item.asText().strip());
      }
    }
    return endpoints;
  }

  /** An empty pending list is published as a file holding only a comment. */
  private static boolean onlyComments(InputBytes input) {
    String text = new String(input.bytes(), StandardCharsets.UTF_8);
    return !text.isBlank()
        && text.lines().map(String::strip).allMatch(l -> l.isEmpty() || l.startsWith("#"));
  }
}
