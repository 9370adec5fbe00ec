package dev.snoop.db.spec;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.snoop.db.input.InputException;
import io.swagger.parser.SwaggerParser;
import io.swagger.parser.util.SwaggerDeserializationResult;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.Operation;
import io.swagger.v3.oas.models.PathItem;
import io.swagger.v3.oas.models.parameters.Parameter;
import io.swagger.v3.parser.OpenAPIV3Parser;
import io.swagger.v3.parser.converter.SwaggerConverter;
import io.swagger.v3.parser.core.models.ParseOptions;
import io.swagger.v3.parser.core.models.SwaggerParseResult;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Each operation's query parameters, read with swagger-parser, which merges path-level parameters
 * into each operation's and resolves their {@code $ref}s (Kubernetes specs declare most parameters
 * that way). Only what parameters need is handed to it: the paths and the shared parameter
 * definitions, not the hundreds of schemas, which it would otherwise read, convert and resolve for
 * nothing (a Swagger 2.0 spec is converted to OpenAPI 3 first).
 */
public final class SpecParameters {
  /** A query parameter of an operation. */
  public record QueryParameter(String name, boolean required, String description) {}

  private SpecParameters() {}

  /** By operationId, the query parameters of a Swagger 2.0 spec's operations. */
  static Map<String, List<QueryParameter>> ofV2(String source, JsonNode root) {
    ObjectNode slim = slim(root, "swagger", "info", "paths", "parameters");
    SwaggerDeserializationResult read = new SwaggerDeserializationResult();
    read.setSwagger(new SwaggerParser().read(slim, true));
    return operations(source, new SwaggerConverter().convert(read));
  }

  /** By operationId, the query parameters of an OpenAPI 3 document's operations. */
  static Map<String, List<QueryParameter>> ofV3(String source, JsonNode root) {
    ObjectNode slim = slim(root, "openapi", "info", "paths");
    JsonNode parameters = root.path("components").path("parameters");
    if (parameters.isObject()) {
      slim.putObject("components").set("parameters", parameters);
    }
    ParseOptions options = new ParseOptions();
    options.setResolve(true);
    return operations(source, new OpenAPIV3Parser().parseJsonNode(source, slim, options));
  }

  private static ObjectNode slim(JsonNode root, String... fields) {
    ObjectNode slim = JsonNodeFactory.instance.objectNode();
    for (String field : fields) {
      if (root.has(field)) {
        slim.set(field, root.get(field));
      }
    }
    return slim;
  }

  private static Map<String, List<QueryParameter>> operations(
      String source, SwaggerParseResult parsed) {
    OpenAPI api = parsed.getOpenAPI();
    if (api == null || api.getPaths() == null) {
      throw new InputException(
          source + ": its parameters cannot be read: " + String.join("; ", parsed.getMessages()));
    }
    Map<String, Parameter> shared =
        api.getComponents() == null || api.getComponents().getParameters() == null
            ? Map.of()
            : api.getComponents().getParameters();
    Map<String, List<QueryParameter>> byOperation = new LinkedHashMap<>();
    api.getPaths()
        .forEach(
            (path, item) -> {
              for (Operation operation : item.readOperations()) {
                if (operation.getOperationId() != null) {
                  byOperation.put(
                      operation.getOperationId(),
                      queryParameters(source, path, item, operation, shared));
                }
              }
            });
    return byOperation;
  }

  /** The operation's own parameters, then the path's it does not override (same name and place). */
  private static List<QueryParameter> queryParameters(
      String source,
      String path,
      PathItem item,
      Operation operation,
      Map<String, Parameter> shared) {
    Map<String, Parameter> byKey = new LinkedHashMap<>();
    for (List<Parameter> level :
        List.of(nullToEmpty(operation.getParameters()), nullToEmpty(item.getParameters()))) {
      for (Parameter p : level) {
        Parameter resolved = resolve(source, path, p, shared);
        byKey.putIfAbsent(resolved.getIn() + " " + resolved.getName(), resolved);
      }
    }
    List<QueryParameter> query = new ArrayList<>();
    for (Parameter p : byKey.values()) {
      if ("query".equals(p.getIn())) {
        query.add(
            new QueryParameter(
                p.getName(), Boolean.TRUE.equals(p.getRequired()), p.getDescription()));
      }
    }
    return query;
  }

  private static Parameter resolve(
      String source, String path, Parameter p, Map<String, Parameter> shared) {
    if (p.get$ref() == null) {
      return p;
    }
    String ref = p.get$ref();
    Parameter target = shared.get(ref.substring(ref.lastIndexOf('/') + 1));
    if (target == null) {
      throw new InputException(source + ": " + path + " refers to a parameter it lacks: " + ref);
    }
    return target;
  }

  private static <T> List<T> nullToEmpty(List<T> list) {
    return list == null ? List.of() : list;
  }
}
