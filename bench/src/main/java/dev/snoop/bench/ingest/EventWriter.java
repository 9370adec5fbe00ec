package dev.snoop.bench.ingest;

import dev.snoop.bench.ingest.Request.Stage;

/**
 * Writes one audit.k8s.io/v1 Event as a JSON line, with the members in the order the apiserver's
 * JSON backend writes them. RequestReceived has neither responseStatus nor the authorizer's
 * annotations (authorization runs after it is logged).
 */
final class EventWriter {
  private static final byte[] START =
      JsonBuffer.ascii("{\"kind\":\"Event\",\"apiVersion\":\"audit.k8s.io/v1\",\"level\":\"");
  private static final byte[] METADATA = JsonBuffer.ascii("Metadata");
  private static final byte[] REQUEST_RESPONSE = JsonBuffer.ascii("RequestResponse");
  private static final byte[] ALLOW =
      JsonBuffer.ascii(
          ",\"annotations\":{\"authorization.k8s.io/decision\":\"allow\","
              + "\"authorization.k8s.io/reason\":");
  private static final byte[] FORBID =
      JsonBuffer.ascii(
          ",\"annotations\":{\"authorization.k8s.io/decision\":\"forbid\","
              + "\"authorization.k8s.io/reason\":\"\"");
  private static final byte[] POD_SECURITY =
      JsonBuffer.ascii(",\"pod-security.kubernetes.io/enforce-policy\":\"privileged:latest\"");

  private EventWriter() {}

  /** Writes the event of a request at a stage. */
  static void write(JsonBuffer out, Request r, Stage stage, long stageMicros) {
    out.raw(START).raw(r.requestResponse ? REQUEST_RESPONSE : METADATA);
    out.raw("\",\"auditID\":\"").uuid(r.idHigh, r.idLow);
    out.raw("\",\"stage\":\"").raw(stage.json);
    out.raw("\",\"requestURI\":").string(r.uri);
    out.raw(",\"verb\":\"").raw(r.verb).raw("\",");
    out.raw(r.principal.fields());
    if (r.resource != null) {
      objectRef(out, r, stage != Stage.REQUEST_RECEIVED);
    }
    if (stage != Stage.REQUEST_RECEIVED) {
      out.raw("\"responseStatus\":");
      if (stage == Stage.RESPONSE_STARTED || r.code < 300) {
        out.raw("{\"metadata\":{},\"code\":").number(r.code);
      } else {
        out.raw("{\"metadata\":{},");
        statusFields(out, r);
      }
      out.raw("},");
    }
    if (r.requestResponse && stage != Stage.RESPONSE_STARTED) {
      int requestSize = ObjectBodies.requestSize(r.verb, r.bodySize);
      if (ObjectBodies.hasRequestBody(r.verb)) {
        out.raw("\"requestObject\":");
        ObjectBodies.request(out, r, requestSize);
        out.raw(',');
      }
      if (stage == Stage.RESPONSE_COMPLETE) {
        out.raw("\"responseObject\":");
        ObjectBodies.response(out, r, r.bodySize - requestSize);
        out.raw(',');
      }
    }
    out.raw("\"requestReceivedTimestamp\":").timestamp(r.receivedMicros);
    out.raw(",\"stageTimestamp\":").timestamp(stageMicros);
    if (stage != Stage.REQUEST_RECEIVED) {
      if (r.code == 403) {
        out.raw(FORBID);
      } else {
        out.raw(ALLOW).raw(r.principal.reason());
      }
      if (r.podSecurity) {
        out.raw(POD_SECURITY);
      }
      out.raw('}');
    }
    out.raw("}\n");
  }

  /**
   * The objectRef: from the URI at RequestReceived, completed from the request body (a created
   * object's name, an updated object's uid and resourceVersion) once it was read.
   */
  private static void objectRef(JsonBuffer out, Request r, boolean bodyRead) {
    out.raw("\"objectRef\":{\"resource\":\"").raw(r.resource).raw('"');
    if (r.namespace != null) {
      out.raw(",\"namespace\":\"").raw(r.namespace).raw('"');
    }
    if (r.name != null && (bodyRead || !r.nameFromBody)) {
      out.raw(",\"name\":\"").raw(r.name).raw('"');
    }
    boolean fromBody = bodyRead && r.resourceVersion > 0;
    if (fromBody) {
      out.raw(",\"uid\":\"").uuid(r.uidHigh, r.uidLow).raw('"');
    }
    if (r.apiGroup != null && !r.apiGroup.isEmpty()) {
      out.raw(",\"apiGroup\":\"").raw(r.apiGroup).raw('"');
    }
    out.raw(",\"apiVersion\":\"").raw(r.apiVersion).raw('"');
    if (fromBody) {
      out.raw(",\"resourceVersion\":\"").number(r.resourceVersion).raw('"');
    }
    if (r.subresource != null) {
      out.raw(",\"subresource\":\"").raw(r.subresource).raw('"');
    }
    out.raw("},");
  }

  /** The members of a failure Status after "metadata": status, message, reason, details, code. */
  static void statusFields(JsonBuffer out, Request r) {
    String resource = r.resource == null ? "" : r.resource;
    String group = r.apiGroup == null ? "" : r.apiGroup;
    String qualified = group.isEmpty() ? resource : resource + "." + group;
    String name = r.name == null ? "" : r.name;
    String reason;
    String message;
    switch (r.code) {
      case 404 -> {
        reason = "NotFound";
        message = qualified + " \"" + name + "\" not found";
      }
      case 409 -> {
        reason = r.verb.equals("create") ? "AlreadyExists" : "Conflict";
        message =
            r.verb.equals("create")
                ? qualified + " \"" + name + "\" already exists"
                : "Operation cannot be fulfilled on "
                    + qualified
                    + " \""
                    + name
                    + "\": the object has been modified; please apply your changes to the latest"
                    + " version and try again";
      }
      case 422 -> {
        reason = "Invalid";
        message =
            (r.kind == null ? resource : r.kind)
                + (group.isEmpty() ? "" : "." + group)
                + " \""
                + name
                + "\" is invalid: metadata.labels: Invalid value: \"-bad-\": name part must"
                + " consist of alphanumeric characters, '-', '_' or '.'";
      }
      case 403 -> {
        reason = "Forbidden";
        message =
            qualified
                + " is forbidden: User \""
                + r.principal.username()
                + "\" cannot "
                + r.verb
                + " resource \""
                + resource
                + "\" in API group \""
                + group
                + (r.namespace == null
                    ? "\" at the cluster scope"
                    : "\" in the namespace \"" + r.namespace + "\"");
      }
      case 503 -> {
        reason = "ServiceUnavailable";
        message = "the server is currently unable to handle the request";
      }
      default -> {
        reason = "InternalError";
        message = "Internal error occurred: resource quota evaluation timed out";
      }
    }
    out.raw("\"status\":\"Failure\",\"message\":").string(message);
    out.raw(",\"reason\":\"").raw(reason).raw('"');
    if (r.resource != null && r.code != 503 && r.code < 500) {
      out.raw(",\"details\":{");
      if (r.name != null) {
        out.raw("\"name\":\"").raw(r.name).raw("\",");
      }
      if (!group.isEmpty()) {
        out.raw("\"group\":\"").raw(group).raw("\",");
      }
      out.raw("\"kind\":\"").raw(resource).raw("\"}");
    }
    out.raw(",\"code\":").number(r.code);
  }
}
