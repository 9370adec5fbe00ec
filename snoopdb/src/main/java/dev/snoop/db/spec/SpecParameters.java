package dev.snoop.db.spec;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.snoop.db.input.InputException;
import io.swagger.models.Swagger;
import io.swagger.models.parameters.RefParameter;
import io.swagger.parser.SwaggerParser;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.parameters.Parameter;
import io.swagger.v3.parser.OpenAPIV3Parser;
import io.swagger.v3.parser.core.models.ParseOptions;
import io.swagger.v3.parser.core.models.SwaggerParseResult;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * Each operation's query parameters, read with swagger-parser, which parses the parameters of paths
 * and operations and the shared definitions their {@code $ref}s name (Kubernetes specs declare most
 * parameters that way). A Swagger 2.0 spec is read with swagger-parser's Swagger 2.0 reader (the
 * one its OpenAPI 3 parser converts from); only what parameters need is handed to it: the paths and
 * the shared parameter definitions, not the hundreds of schemas, which it would otherwise read and
 * resolve for nothing. Converting a 4 MB spec to OpenAPI 3 as well took longer than the rest of the
 * spec load together.
 */
public final class SpecParameters {
  /** A query parameter of an operation. */
  public record QueryParameter(String name, boolean required, String description) {}

  /**
   * A parameter as declared, either model's: {@code ref} names a shared one, else the rest is set.
   */
  private record Declared(
      String in, String name, boolean required, String description, String ref) {}

  private SpecParameters() {}

  /** By operationId, the query parameters of a Swagger 2.0 spec's operations. */
  static Map<String, List<QueryParameter>> ofV2(String source, JsonNode root) {
    Swagger swagger =
        new SwaggerParser().read(slim(root, "swagger", "info", "paths", "parameters"), false);
    if (swagger == null || swagger.getPaths() == null) {
      throw new InputException(source + ": its parameters cannot be read");
    }
    Map<String, Declared> shared = new LinkedHashMap<>();
    if (swagger.getParameters() != null) {
      swagger.getParameters().forEach((name, p) -> shared.put(name, v2(p)));
    }
    Map<String, List<QueryParameter>> byOperation = new LinkedHashMap<>();
    swagger
        .getPaths()
        .forEach(
            (path, item) ->
                item.getOperations().stream()
                    .filter(op -> op.getOperationId() != null)
                    .forEach(
                        op ->
                            byOperation.put(
                                op.getOperationId(),
                                query(
                                    source,
                                    path,
                                    declared(op.getParameters(), SpecParameters::v2),
                                    declared(item.getParameters(), SpecParameters::v2),
                                    shared))));
    return byOperation;
  }

  /** By operationId, the query parameters of an OpenAPI 3 document's operations. */
  static Map<String, List<QueryParameter>> ofV3(String source, JsonNode root) {
    ObjectNode slim = slim(root, "openapi", "info", "paths");
    JsonNode parameters = root.path("components").path("parameters");
    if (parameters.isObject()) {
      slim.putObject("components").set("parameters", parameters);
    }
    SwaggerParseResult parsed =
        new OpenAPIV3Parser().parseJsonNode(source, slim, new ParseOptions());
    OpenAPI api = parsed.getOpenAPI();
    if (api == null || api.getPaths() == null) {
      throw new InputException(
          source + ": its parameters cannot be read: " + String.join("; ", parsed.getMessages()));
    }
    Map<String, Declared> shared = new LinkedHashMap<>();
    if (api.getComponents() != null && api.getComponents().getParameters() != null) {
      api.getComponents().getParameters().forEach((name, p) -> shared.put(name, v3(p)));
    }
    Map<String, List<QueryParameter>> byOperation = new LinkedHashMap<>();
    api.getPaths()
        .forEach(
            (path, item) ->
                item.readOperations().stream()
                    .filter(op -> op.getOperationId() != null)
                    .forEach(
                        op ->
                            byOperation.put(
                                op.getOperationId(),
                                query(
                                    source,
                                    path,
                                    declared(op.getParameters(), SpecParameters::v3),
                                    declared(item.getParameters(), SpecParameters::v3),
                                    shared))));
    return byOperation;
  }

  private static Declared v2(io.swagger.models.parameters.Parameter p) {
    if (p instanceof RefParameter ref) {
      return new Declared(null, null, false, null, ref.getSimpleRef());
    }
    return new Declared(p.getIn(), p.getName(), p.getRequired(), p.getDescription(), null);
  }

  private static Declared v3(Parameter p) {
    if (p.get$ref() != null) {
      return new Declared(
          null, null, false, null, p.get$ref().substring(p.get$ref().lastIndexOf('/') + 1));
    }
    return new Declared(
        p.getIn(), p.getName(), Boolean.TRUE.equals(p.getRequired()), p.getDescription(), null);
  }

  private static <T> List<Declared> declared(List<T> parameters, Function<T, Declared> model) {
    return parameters == null ? List.of() : parameters.stream().map(model).toList();
  }

  /**
   * The operation's own query parameters, then the path's it does not override (a parameter is
   * identified by its name and where it goes).
   */
  private static List<QueryParameter> query(
      String source,
      String path,
      List<Declared> operation,
      List<Declared> pathLevel,
      Map<String, Declared> shared) {
    Map<String, Declared> byKey = new LinkedHashMap<>();
    for (List<Declared> level : List.of(operation, pathLevel)) {
      for (Declared d : level) {
        Declared p = d.ref() == null ? d : shared.get(d.ref());
        if (p == null) {
          throw new InputException(
              source + ": " + path + " refers to a parameter it does not define: " + d.ref());
        }
        byKey.putIfAbsent(p.in() + " " + p.name(), p);
      }
    }
    List<QueryParameter> query = new ArrayList<>();
    for (Declared p : byKey.values()) {
      if ("query".equals(p.in())) {
        query.add(new QueryParameter(p.name(), p.required(), p.description()));
      }
    }
    return query;
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
}
