package dev.snoop.ingest.reader;

/**
 * The fields read from one JSON object, reused from object to object, and what they make it: an
 * audit event, a wrapper around one, a list of them, or something else.
 */
final class EventFields {
  static final String GKE_CLOUD_AUDIT =
      "GKE Cloud Audit LogEntry (protoPayload), not a Kubernetes audit event";
  static final String NO_EVENT_FIELDS =
      "JSON object without auditID, verb or requestURI, not an audit event";
  static final String AKS_NOT_AUDIT = "AKS diagnostic record that is not kube-audit";

  String kind;
  String apiVersion;
  String auditId;
  String stage;
  String verb;
  String requestUri;
  String userAgent;
  int code;
  long receivedMicros;
  long stageMicros;

  /** The {@code timestamp} of events from before requestReceivedTimestamp (Kubernetes 1.8). */
  long legacyMicros;

  /** The first thing wrong with the object (a field of the wrong type), or null. */
  String problem;

  /** The object has an {@code items} list, whose elements were read as events. */
  boolean list;

  /** A GKE Cloud Audit LogEntry: it has a {@code protoPayload}. */
  boolean cloudAudit;

  /** An AKS diagnostic record's {@code category} ("kube-audit", "kube-audit-admin"). */
  String category;

  /** An AKS diagnostic record's {@code properties.log} is text that is not a JSON object. */
  boolean textLog;

  EventFields() {
    reset();
  }

  void reset() {
    kind = null;
    apiVersion = null;
    auditId = null;
    stage = null;
    verb = null;
    requestUri = null;
    userAgent = null;
    code = AuditEvent.NO_CODE;
    receivedMicros = AuditEvent.NO_TIME;
    stageMicros = AuditEvent.NO_TIME;
    legacyMicros = AuditEvent.NO_TIME;
    problem = null;
    list = false;
    cloudAudit = false;
    category = null;
    textLog = false;
  }

  /** Keeps the first problem: later ones are often its consequences. */
  void fail(String what) {
    if (problem == null) {
      problem = what;
    }
  }

  /**
   * Why this well-formed object is not an audit event, or null when it is one: kind Event (or no
   * kind), apiVersion audit.k8s.io/* (or none), and at least one of auditID, verb, requestURI.
   */
  String notAnEvent() {
    if (kind != null && !kind.equals("Event")) {
      return "kind " + abbreviate(kind) + ", not an audit Event";
    }
    if (apiVersion != null && !apiVersion.startsWith("audit.k8s.io/")) {
      return "apiVersion " + abbreviate(apiVersion) + ", not audit.k8s.io";
    }
    if (auditId == null && verb == null && requestUri == null) {
      return NO_EVENT_FIELDS;
    }
    return null;
  }

  AuditEvent toEvent(byte[] raw) {
    long received = receivedMicros != AuditEvent.NO_TIME ? receivedMicros : legacyMicros;
    return new AuditEvent(
        auditId, stage, verb, requestUri, userAgent, code, received, stageMicros, raw);
  }

  private static String abbreviate(String text) {
    return text.length() > 60 ? text.substring(0, 60) + "..." : text;
  }
}
