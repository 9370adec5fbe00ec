package dev.snoop.bench.ingest;

/** One generated request: everything its events carry, and which of its stages are still due. */
final class Request {
  Traffic traffic;
  Principal principal;
  String verb;
  String uri;

  /** objectRef; no objectRef when resource is null. */
  String resource;

  String namespace;
  String name;

  /**
   * The name is the created object's, known only once its body is read (not at RequestReceived).
   */
  boolean nameFromBody;

  String apiGroup;
  String apiVersion;
  String subresource;

  /**
   * Set for updates, whose body carries it: the objectRef then has uid and resourceVersion, from
   * ResponseStarted on.
   */
  long resourceVersion;

  String kind;

  /** The path parameter that is the object's name (for messages and bodies). */
  Endpoint endpoint;

  boolean longRunning;
  boolean podSecurity;
  boolean requestResponse;

  /** The size of the request and response bodies together, for a RequestResponse request. */
  int bodySize;

  int code;

  long idHigh;
  long idLow;
  long uidHigh;
  long uidLow;
  long receivedMicros;

  /** The next stage to log, null when the request is logged completely. */
  Stage next;

  /** The index of the event before which the next stage is due, and the order of scheduling. */
  long due;

  long sequence;

  /** A watch held open for long, counted against the generator's limit until it completes. */
  boolean heldOpen;

  /** The events still to write for this request, the next one included. */
  int eventsLeft() {
    if (next == null) {
      return 0;
    }
    return switch (next) {
      case REQUEST_RECEIVED -> longRunning ? 3 : 2;
      case RESPONSE_STARTED -> 2;
      case RESPONSE_COMPLETE -> 1;
    };
  }

  /** Audit stages, in the order the apiserver logs them. */
  enum Stage {
    REQUEST_RECEIVED("RequestReceived"),
    RESPONSE_STARTED("ResponseStarted"),
    RESPONSE_COMPLETE("ResponseComplete");

    final String text;
    final byte[] json;

    Stage(String text) {
      this.text = text;
      this.json = JsonBuffer.ascii(text);
    }
  }
}
