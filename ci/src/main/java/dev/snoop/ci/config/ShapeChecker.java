package dev.snoop.ci.config;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import tools.jackson.databind.JsonNode;

/**
 * Checks a YAML value against its {@link Shape}: unknown fields and values of the wrong type, each
 * with its path ({@code decoration_config.timeout}, {@code spec.containers[0].image}). It also
 * notes which fields are present, by path without list indexes, for the report of fields the engine
 * does not act on.
 */
final class ShapeChecker {
  private final List<KubernetesObjects.Finding> findings = new ArrayList<>();
  private final Set<String> present = new LinkedHashSet<>();

  /** Checks {@code node} (null or a YAML null is always accepted, as Go's zero value). */
  static ShapeChecker check(JsonNode node, Shape shape) {
    ShapeChecker checker = new ShapeChecker();
    checker.visit(node, shape, "", "");
    return checker;
  }

  List<KubernetesObjects.Finding> findings() {
    return findings;
  }

  /** The fields present, e.g. {@code decoration_config.timeout}, {@code extra_refs.org}. */
  Set<String> presentFields() {
    return present;
  }

  private void visit(JsonNode node, Shape shape, String path, String fieldPath) {
    if (node == null || node.isNull()) {
      return;
    }
    if (shape instanceof Shape.Fields f) {
      visitFields(node, f, path, fieldPath);
    } else if (shape instanceof Shape.ListOf l) {
      if (!node.isArray()) {
        wrongType(path, "a list");
        return;
      }
      for (int i = 0; i < node.size(); i++) {
        visit(node.get(i), l.item(), path + "[" + i + "]", fieldPath);
      }
    } else if (shape instanceof Shape.MapOf m) {
      if (!node.isObject()) {
        wrongType(path, "a map");
        return;
      }
      for (Map.Entry<String, JsonNode> e : node.properties()) {
        visit(e.getValue(), m.value(), join(path, e.getKey()), fieldPath);
      }
    } else if (shape instanceof Shape.Kube k) {
      List<KubernetesObjects.Finding> found = new ArrayList<>();
      KubernetesObjects.read(node, k.type(), found);
      for (KubernetesObjects.Finding f : found) {
        findings.add(new KubernetesObjects.Finding(join(path, f.path()), f.message()));
      }
    } else if (shape instanceof Shape.Scalar s) {
      visitScalar(node, s, path);
    }
  }

  private void visitFields(JsonNode node, Shape.Fields shape, String path, String fieldPath) {
    if (!node.isObject()) {
      wrongType(path, "an object");
      return;
    }
    for (Map.Entry<String, JsonNode> e : node.properties()) {
      String childPath = join(path, e.getKey());
      Shape child = shape.fields().get(e.getKey());
      if (child == null) {
        findings.add(new KubernetesObjects.Finding(childPath, "unknown field"));
        continue;
      }
      String childFieldPath = join(fieldPath, e.getKey());
      if (!e.getValue().isNull()) {
        present.add(childFieldPath);
      }
      visit(e.getValue(), child, childPath, childFieldPath);
    }
  }

  private void visitScalar(JsonNode node, Shape.Scalar shape, String path) {
    boolean ok;
    if (shape == Shape.STRING) {
      ok = node.isString();
    } else if (shape == Shape.BOOL) {
      ok = node.isBoolean();
    } else if (shape == Shape.INT) {
      ok = node.isIntegralNumber();
    } else if (shape == Shape.DURATION && node.isIntegralNumber()) {
      ok = true; // nanoseconds
    } else if (shape == Shape.DURATION || shape == Shape.DURATION_STRING) {
      checkDuration(node, path);
      return;
    } else {
      ok = true;
    }
    if (!ok) {
      wrongType(path, shape.description());
    }
  }

  private void checkDuration(JsonNode node, String path) {
    if (!node.isString()) {
      wrongType(path, "a duration such as 90m");
      return;
    }
    try {
      GoDuration.parse(node.stringValue());
    } catch (IllegalArgumentException e) {
      findings.add(new KubernetesObjects.Finding(path, e.getMessage()));
    }
  }

  private void wrongType(String path, String expected) {
    findings.add(new KubernetesObjects.Finding(path, "must be " + expected));
  }

  private static String join(String path, String field) {
    if (field.isEmpty()) {
      return path;
    }
    if (path.isEmpty()) {
      return field;
    }
    return field.startsWith("[") ? path + field : path + "." + field;
  }
}
