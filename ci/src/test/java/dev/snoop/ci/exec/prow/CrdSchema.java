package dev.snoop.ci.exec.prow;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import tools.jackson.databind.JsonNode;

/**
 * Checks a document against a CRD's openAPIV3Schema as the API server's structural schema does, for
 * the parts a ProwJob's schema uses: types (with int-or-string), required fields, enums, unknown
 * fields (which the API server would drop), items, maps, {@code anyOf} and {@code not}.
 */
final class CrdSchema {
  private final JsonNode schema;

  CrdSchema(JsonNode openApiV3Schema) {
    this.schema = openApiV3Schema;
  }

  /** Every problem, as "path: what is wrong"; empty when the document fits. */
  List<String> problems(JsonNode document) {
    List<String> problems = new ArrayList<>();
    check(schema, document, "", true, problems);
    return problems;
  }

  /**
   * @param structural false inside anyOf and not, whose properties constrain only the fields they
   *     name
   */
  private void check(
      JsonNode rule, JsonNode value, String path, boolean structural, List<String> problems) {
    if (value.isNull()) {
      if (!rule.path("nullable").asBoolean(false)) {
        problems.add(path + ": null");
      }
      return;
    }
    String type = rule.path("type").asString("");
    boolean intOrString = rule.path("x-kubernetes-int-or-string").asBoolean(false);
    if (!type.isEmpty() && !(intOrString && (value.isIntegralNumber() || value.isString()))) {
      boolean fits =
          switch (type) {
            case "object" -> value.isObject();
            case "array" -> value.isArray();
            case "string" -> value.isString();
            case "integer" -> value.isIntegralNumber();
            case "number" -> value.isNumber();
            case "boolean" -> value.isBoolean();
            default -> true;
          };
      if (!fits) {
        problems.add(path + ": not a " + type + " (" + value.getNodeType() + ")");
        return;
      }
    }
    if (rule.has("enum")) {
      boolean listed = false;
      for (JsonNode allowed : rule.get("enum")) {
        listed |= allowed.equals(value);
      }
      if (!listed) {
        problems.add(path + ": " + value + " is not one of " + rule.get("enum"));
      }
    }
    for (JsonNode required : rule.path("required")) {
      if (!value.has(required.asString())) {
        problems.add(path + ": required field " + required.asString() + " is missing");
      }
    }
    if (rule.has("anyOf") && !rule.path("anyOf").isEmpty()) {
      boolean any = false;
      for (JsonNode option : rule.get("anyOf")) {
        List<String> optionProblems = new ArrayList<>();
        check(option, value, path, false, optionProblems);
        any |= optionProblems.isEmpty();
      }
      if (!any) {
        problems.add(path + ": fits none of anyOf " + rule.get("anyOf"));
      }
    }
    if (rule.has("not")) {
      List<String> notProblems = new ArrayList<>();
      check(rule.get("not"), value, path, false, notProblems);
      if (notProblems.isEmpty()) {
        problems.add(path + ": fits what 'not' forbids: " + rule.get("not"));
      }
    }
    if (value.isObject()) {
      JsonNode properties = rule.path("properties");
      JsonNode additional = rule.path("additionalProperties");
      boolean preserve = rule.path("x-kubernetes-preserve-unknown-fields").asBoolean(false);
      for (Iterator<Map.Entry<String, JsonNode>> fields = value.properties().iterator();
          fields.hasNext(); ) {
        Map.Entry<String, JsonNode> field = fields.next();
        String at = path + "." + field.getKey();
        if (properties.has(field.getKey())) {
          check(properties.get(field.getKey()), field.getValue(), at, structural, problems);
        } else if (additional.isObject()) {
          check(additional, field.getValue(), at, structural, problems);
        } else if (structural && !preserve && !properties.isMissingNode()) {
          problems.add(at + ": unknown field (the API server would drop it)");
        }
      }
    }
    if (value.isArray() && rule.has("items")) {
      int i = 0;
      for (JsonNode item : value) {
        check(rule.get("items"), item, path + "[" + i++ + "]", structural, problems);
      }
    }
  }
}
