package dev.snoop.ingest.matcher;

/** Why a request maps to no operation of the spec. */
public enum Unmatched {
  /**
   * /healthz, /livez, /readyz, /metrics, /openapi/..., /debug/...: served, but no API operation.
   */
  NON_API_PATH("health, metrics, openapi or debug path"),
  /** /apis/<group>/... for a group the spec does not have: a CRD or an aggregated API. */
  UNKNOWN_API_GROUP("API group not in the spec (CRD or aggregated API)"),
  /** An audit verb with no HTTP method (neither get, list, watch, create, ... nor empty). */
  UNKNOWN_VERB("unknown verb"),
  /** The path exists in the spec, but not for the request's method. */
  NO_SUCH_METHOD("no operation for this verb at that path"),
  /** No path of the spec matches. */
  NO_SUCH_PATH("no such path in the spec"),
  /** The event has no requestURI. */
  NO_URI("no requestURI");

  private final String description;

  Unmatched(String description) {
    this.description = description;
  }

  public String description() {
    return description;
  }

  /** The name stored in the database and shown in summaries, e.g. unknown_api_group. */
  public String id() {
    return name().toLowerCase();
  }
}
