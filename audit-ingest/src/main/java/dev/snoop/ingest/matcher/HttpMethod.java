package dev.snoop.ingest.matcher;

import java.util.Locale;

/**
 * The HTTP methods a Kubernetes spec has operations for, and the one mapping between them and the
 * audit verbs kube-apiserver logs: matching reads it one way, the log generator the other.
 */
public enum HttpMethod {
  GET("get"),
  PUT("update"),
  POST("create"),
  DELETE("delete"),
  PATCH("patch"),
  HEAD("get"),
  OPTIONS("options");

  /** What kube-apiserver logs for a request with this method when the action says no more. */
  private final String auditVerb;

  HttpMethod(String auditVerb) {
    this.auditVerb = auditVerb;
  }

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

  /**
   * The audit verb kube-apiserver logs for a request to an operation with this method and {@code
   * action} (its x-kubernetes-action, or null): list, watch and deletecollection are told by the
   * action, everything else by the method. {@link #ofVerb} maps it back to this method.
   */
  public String auditVerb(String action) {
    if (action == null) {
      return auditVerb;
    }
    return switch (action) {
      case "list" -> "list";
      case "watch", "watchlist" -> "watch";
      case "deletecollection" -> "deletecollection";
      default -> auditVerb;
    };
  }
}
