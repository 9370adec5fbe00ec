package dev.snoop.ingest.matcher;

import java.util.Locale;

/** The HTTP methods a Kubernetes spec has operations for. */
public enum HttpMethod {
  GET,
  PUT,
  POST,
  DELETE,
  PATCH,
  HEAD,
  OPTIONS;

  /** The method of a spec operation, e.g. "get" or "GET". */
  public static HttpMethod of(String name) {
    return valueOf(name.toUpperCase(Locale.ROOT));
  }

  /**
   * The HTTP method of an audited request, from its audit verb, as APISnoop maps it: get, list and
   * watch are GET (a watch is a list operation); deletecollection is DELETE; an empty verb is
   * OPTIONS; a get whose request URI ends in HEAD is HEAD. Null for a verb with no method.
   */
  public static HttpMethod ofVerb(String verb, String requestUri) {
    if (verb == null) {
      return null;
    }
    return switch (verb) {
      case "get" -> requestUri != null && requestUri.endsWith("HEAD") ? HEAD : GET;
      case "list", "watch" -> GET;
      case "create", "post" -> POST;
      case "update", "put" -> PUT;
      case "patch" -> PATCH;
      case "delete", "deletecollection" -> DELETE;
      case "head" -> HEAD;
      case "", "options" -> OPTIONS;
      default -> null;
    };
  }
}
