package dev.snoop.db.spec;

import com.fasterxml.jackson.databind.JsonNode;
import dev.snoop.db.input.Documents;
import dev.snoop.db.input.InputBytes;
import dev.snoop.db.input.InputException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** Reads the operations out of a Swagger 2.0 spec or an OpenAPI 3 group-version document. */
public final class SpecParser {
  static final String V2 = "a Kubernetes OpenAPI v2 spec (swagger.json, \"swagger\": \"2.0\")";
  static final String V3 = "a Kubernetes OpenAPI v3 document (api/openapi-spec/v3/*.json)";
  private static final List<String> METHODS =
      List.of("get", "put", "post", "delete", "options", "head", "patch");

  private SpecParser() {}

  /** A spec's operations and, by operationId, their query parameters. */
  public record Parsed(
      List<SpecOperation> operations,
      Map<String, List<SpecParameters.QueryParameter>> parameters) {}

  /** The operations of a swagger.json. */
  public static List<SpecOperation> parseV2(InputBytes input) {
    return operationsV2(input, Documents.json(input, V2));
  }

  /** The operations of a swagger.json and their query parameters, from one parse of its JSON. */
  public static Parsed parseV2WithParameters(InputBytes input) {
    JsonNode root = Documents.json(input, V2);
    List<SpecOperation> operations = operationsV2(input, root);
    return new Parsed(operations, SpecParameters.ofV2(input.source(), root));
  }

  /** The operations of one OpenAPI v3 document and their query parameters. */
  public static Parsed parseV3WithParameters(InputBytes input) {
    JsonNode root = Documents.json(input, V3);
    List<SpecOperation> operations = operationsV3(input, root);
    return new Parsed(operations, SpecParameters.ofV3(input.source(), root));
  }

  private static List<SpecOperation> operationsV2(InputBytes input, JsonNode root) {
    requireObject(input, root, V2);
    if (root.has("openapi")) {
      throw new SpecVersionException(
          input.source()
              + ": is an OpenAPI "
              + root.path("openapi").asText()
              + " document, not a Swagger 2.0 spec",
          true);
    }
    if (!"2.0".equals(root.path("swagger").asText())) {
      throw new InputException(input.source() + ": has no \"swagger\": \"2.0\"; expected " + V2);
    }
    return operations(input, root, V2);
  }

  /** The operations of one OpenAPI v3 document. */
  public static List<SpecOperation> parseV3(InputBytes input) {
    return operationsV3(input, Documents.json(input, V3));
  }

  private static List<SpecOperation> operationsV3(InputBytes input, JsonNode root) {
    requireObject(input, root, V3);
    if ("2.0".equals(root.path("swagger").asText())) {
      throw new SpecVersionException(
          input.source() + ": is a Swagger 2.0 spec, not an OpenAPI v3 document", false);
    }
    if (!root.path("openapi").asText().startsWith("3.")) {
      throw new InputException(input.source() + ": has no \"openapi\": \"3.x\"; expected " + V3);
    }
    return operations(input, root, V3);
  }

  private static void requireObject(InputBytes input, JsonNode root, String what) {
    if (!root.isObject()) {
      throw new InputException(
          input.source() + ": expected " + what + " but found " + Documents.typeOf(root));
    }
  }

  private static List<SpecOperation> operations(InputBytes input, JsonNode root, String what) {
    JsonNode paths = root.path("paths");
    if (!paths.isObject() || paths.isEmpty()) {
      throw new InputException(input.source() + ": has no paths; expected " + what);
    }
    List<SpecOperation> operations = new ArrayList<>();
    Map<String, String> seen = new HashMap<>();
    for (var pathEntry : (Iterable<Map.Entry<String, JsonNode>>) paths::fields) {
      String path = pathEntry.getKey();
      for (String method : METHODS) {
        JsonNode op = pathEntry.getValue().get(method);
        if (op == null) {
          continue;
        }
        String where = input.source() + ": " + method.toUpperCase() + " " + path;
        String id = op.path("operationId").asText("");
        if (id.isEmpty()) {
          throw new InputException(where + " has no operationId");
        }
        String earlier = seen.putIfAbsent(id, method.toUpperCase() + " " + path);
        if (earlier != null) {
          throw new InputException(where + ": operationId " + id + " is also used by " + earlier);
        }
        JsonNode gvk = op.path("x-kubernetes-group-version-kind");
        operations.add(
            new SpecOperation(
                path,
                method.toUpperCase(),
                id,
                op.path("tags").path(0).asText(null),
                op.path("description").asText(null),
                op.path("x-kubernetes-action").asText(null),
                gvk.path("group").asText(null),
                gvk.path("version").asText(null),
                gvk.path("kind").asText(null)));
      }
    }
    return operations;
  }
}
