package dev.snoop.bench.ingest;

import java.util.List;

/**
 * Who sends a request, pre-encoded: the {@code user}, {@code sourceIPs} and {@code userAgent}
 * members of an event, and the authorizer's reason for allowing it.
 *
 * @param fields {@code "user":{...},"sourceIPs":[...],"userAgent":"...",}
 * @param reason the quoted authorization.k8s.io/reason annotation
 */
record Principal(String username, byte[] fields, byte[] reason) {

  /**
   * @param uid the user's uid, or null
   */
  static Principal of(
      String username,
      String uid,
      List<String> groups,
      String sourceIp,
      String userAgent,
      String reason) {
    JsonBuffer out = new JsonBuffer(512);
    out.raw("\"user\":{\"username\":").string(username);
    if (uid != null) {
      out.raw(",\"uid\":").string(uid);
    }
    out.raw(",\"groups\":[");
    for (int i = 0; i < groups.size(); i++) {
      out.raw(i == 0 ? "" : ",").string(groups.get(i));
    }
    out.raw(']');
    out.raw("},\"sourceIPs\":[").string(sourceIp).raw("],\"userAgent\":").string(userAgent);
    out.raw(',');
    return new Principal(username, out.toByteArray(), JsonBuffer.quoted(reason));
  }

  /** The RBAC reason for a binding, as the authorizer words it. */
  static String rbac(String bindingKind, String binding, String role, String subject) {
    return "RBAC: allowed by "
        + bindingKind
        + " \""
        + binding
        + "\" of ClusterRole \""
        + role
        + "\" to "
        + subject;
  }
}
