package dev.snoop.ci.config;

import java.util.LinkedHashMap;
import java.util.Map;

/** The shape of a value in Prow's config schema: what {@link ShapeChecker} accepts. */
sealed interface Shape {
  /** A string, as Go's JSON decoding takes it (a YAML number or boolean is refused). */
  Shape STRING = new Scalar("a string");

  Shape BOOL = new Scalar("true or false");
  Shape INT = new Scalar("an integer");

  /** Prow's own Duration: a Go duration string or a number of nanoseconds. */
  Shape DURATION = new Scalar("a duration such as 90m");

  /** Kubernetes' metav1.Duration: a Go duration string only. */
  Shape DURATION_STRING = new Scalar("a duration string such as 10m");

  /** A value Prow keeps without reading it (Tekton pipelines, {@code prow_ignored}). */
  Shape ANY = new Scalar("anything");

  static Shape listOf(Shape item) {
    return new ListOf(item);
  }

  static Shape mapOf(Shape value) {
    return new MapOf(value);
  }

  static Shape kube(Class<?> type) {
    return new Kube(type);
  }

  /** An object with exactly these fields, given as name, shape, name, shape, ... */
  static Fields fields(Object... namesAndShapes) {
    Map<String, Shape> fields = new LinkedHashMap<>();
    for (int i = 0; i < namesAndShapes.length; i += 2) {
      fields.put((String) namesAndShapes[i], (Shape) namesAndShapes[i + 1]);
    }
    return new Fields(Map.copyOf(fields));
  }

  record Scalar(String description) implements Shape {}

  record ListOf(Shape item) implements Shape {}

  record MapOf(Shape value) implements Shape {}

  /** A Kubernetes API type, read with fabric8's model. */
  record Kube(Class<?> type) implements Shape {}

  record Fields(Map<String, Shape> fields) implements Shape {
    /** These fields and those of {@code more}. */
    Fields plus(Fields more) {
      Map<String, Shape> all = new LinkedHashMap<>(fields);
      all.putAll(more.fields);
      return new Fields(Map.copyOf(all));
    }
  }
}
