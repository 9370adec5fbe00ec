package dev.snoop.bench.ingest;

import java.util.Set;

/**
 * The requestObject and responseObject of RequestResponse events: the object (metadata with labels
 * and managedFields, a spec grown to the wanted size with containers, data entries or annotations),
 * a list of it, a patch, DeleteOptions, or the Status of a failure.
 */
final class ObjectBodies {
  private static final Set<String> WORKLOADS =
      Set.of(
          "deployments",
          "replicasets",
          "statefulsets",
          "daemonsets",
          "jobs",
          "cronjobs",
          "replicationcontrollers",
          "podtemplates");
  private static final byte[] CONTAINER =
      JsonBuffer.ascii(
          "\",\"image\":\"registry.k8s.io/e2e-test-images/agnhost:2.53\",\"args\":[\"netexec\","
              + "\"--http-port=8080\"],\"ports\":[{\"containerPort\":8080,\"protocol\":\"TCP\"}],"
              + "\"resources\":{},\"terminationMessagePath\":\"/dev/termination-log\","
              + "\"terminationMessagePolicy\":\"File\",\"imagePullPolicy\":\"IfNotPresent\"}");
  private static final byte[] MANAGED_START =
      JsonBuffer.ascii(
          ",\"managedFields\":[{\"manager\":\"e2e.test\",\"operation\":\"Update\","
              + "\"apiVersion\":\"");
  private static final byte[] MANAGED_END =
      JsonBuffer.ascii(
          "\",\"fieldsType\":\"FieldsV1\",\"fieldsV1\":{\"f:metadata\":{\"f:labels\":"
              + "{\".\":{},\"f:e2e-test\":{},\"f:app\":{}}},\"f:spec\":{}}}]");
  private static final String VALUE =
      "dGhpcyBpcyBhIGNvbmZpZ3VyYXRpb24gdmFsdWUgd3JpdHRlbiBieSB0aGUgZTJlIHRlc3Q=";

  private ObjectBodies() {}

  /** The body a client sends with the request, or nothing for verbs without one. */
  static boolean hasRequestBody(String verb) {
    return switch (verb) {
      case "create", "update", "patch", "delete", "deletecollection" -> true;
      default -> false;
    };
  }

  /** The part of a request's bodies that goes to the requestObject: a created object's 2/5. */
  static int requestSize(String verb, int bodySize) {
    return switch (verb) {
      case "create", "update" -> bodySize * 2 / 5;
      case "patch" -> bodySize / 5;
      default -> 0;
    };
  }

  static void request(JsonBuffer out, Request r, int size) {
    switch (r.verb) {
      case "delete", "deletecollection" ->
          out.raw(
              "{\"kind\":\"DeleteOptions\",\"apiVersion\":\"meta.k8s.io/__internal\","
                  + "\"propagationPolicy\":\"Background\"}");
      case "patch" -> {
        int end = out.length() + size;
        out.raw("{\"metadata\":{\"labels\":{\"e2e-patched\":\"true\"},\"annotations\":{");
        annotations(out, end);
        out.raw("}}}");
      }
      default -> object(out, r, size, r.verb.equals("update"));
    }
  }

  static void response(JsonBuffer out, Request r, int size) {
    if (r.code >= 300) {
      out.raw("{\"kind\":\"Status\",\"apiVersion\":\"v1\",\"metadata\":{},");
      EventWriter.statusFields(out, r);
      out.raw('}');
    } else if (r.verb.equals("list") || r.verb.equals("deletecollection")) {
      out.raw("{\"kind\":\"").raw(kind(r)).raw("List\",\"apiVersion\":\"");
      apiVersion(out, r).raw("\",\"metadata\":{\"resourceVersion\":\"");
      out.number(r.receivedMicros % 100_000 + 10_000).raw("\"},\"items\":[");
      object(out, r, size - 120, true);
      out.raw("]}");
    } else {
      object(out, r, size, true);
    }
  }

  /**
   * An object of about {@code size} bytes.
   *
   * @param stored with the uid, resourceVersion and creationTimestamp the apiserver set
   */
  private static void object(JsonBuffer out, Request r, int size, boolean stored) {
    int end = out.length() + size;
    out.raw("{\"kind\":\"").raw(kind(r)).raw("\",\"apiVersion\":\"");
    apiVersion(out, r).raw("\",\"metadata\":{\"name\":\"");
    out.raw(r.name == null ? r.resource + "-sample" : r.name).raw('"');
    if (r.namespace != null) {
      out.raw(",\"namespace\":\"").raw(r.namespace).raw('"');
    }
    if (stored) {
      boolean updated = r.resourceVersion > 0;
      out.raw(",\"uid\":\"");
      out.uuid(updated ? r.uidHigh : r.idLow, updated ? r.uidLow : r.idHigh);
      out.raw("\",\"resourceVersion\":\"");
      out.number(updated ? r.resourceVersion : r.receivedMicros % 100_000 + 10_000);
      out.raw("\",\"creationTimestamp\":").timestampSeconds(r.receivedMicros);
    }
    out.raw(",\"labels\":{\"e2e-test\":\"true\",\"app\":\"agnhost\"}");
    out.raw(MANAGED_START);
    apiVersion(out, r).raw(MANAGED_END);
    if (r.resource != null && (r.resource.equals("pods") || WORKLOADS.contains(r.resource))) {
      out.raw(
          r.resource.equals("pods")
              ? "},\"spec\":{\"containers\":["
              : "},\"spec\":{\"replicas\":1,\"selector\":{\"matchLabels\":{\"app\":\"agnhost\"}},"
                  + "\"template\":{\"metadata\":{\"labels\":{\"app\":\"agnhost\"}},\"spec\":"
                  + "{\"containers\":[");
      int i = 0;
      do {
        out.raw(i == 0 ? "{\"name\":\"agnhost-" : ",{\"name\":\"agnhost-")
            .number(i++)
            .raw(CONTAINER);
      } while (out.length() < end - 120);
      out.raw("],\"restartPolicy\":\"Always\",\"dnsPolicy\":\"ClusterFirst\"}");
      out.raw(r.resource.equals("pods") ? ",\"status\":{}}" : "}},\"status\":{}}");
    } else if ("configmaps".equals(r.resource) || "secrets".equals(r.resource)) {
      out.raw("},\"data\":{");
      int i = 0;
      do {
        out.raw(i == 0 ? "\"key-" : ",\"key-").number(i++).raw("\":\"").raw(VALUE).raw('"');
      } while (out.length() < end - 10);
      out.raw("}}");
    } else {
      out.raw(",\"annotations\":{");
      annotations(out, end - 40);
      out.raw("}},\"spec\":{},\"status\":{}}");
    }
  }

  private static void annotations(JsonBuffer out, int end) {
    int i = 0;
    do {
      out.raw(i == 0 ? "\"e2e.example.com/note-" : ",\"e2e.example.com/note-").number(i++);
      out.raw("\":\"").raw(VALUE).raw('"');
    } while (out.length() < end);
  }

  private static String kind(Request r) {
    return r.kind == null ? "Unknown" : r.kind;
  }

  private static JsonBuffer apiVersion(JsonBuffer out, Request r) {
    if (r.apiGroup != null && !r.apiGroup.isEmpty()) {
      out.raw(r.apiGroup).raw('/');
    }
    return out.raw(r.apiVersion == null ? "v1" : r.apiVersion);
  }
}
