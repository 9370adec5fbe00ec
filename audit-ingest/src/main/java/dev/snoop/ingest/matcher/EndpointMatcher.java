package dev.snoop.ingest.matcher;

import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Maps a request URI and method to the operation of one release's spec, through a trie of path
 * segments built once. At each segment a literal child is tried before a parameter, and a dead end
 * backtracks to the next choice, so a name that equals a literal segment (a namespace called
 * "status", a pod called "proxy") still finds its operation without special cases. A trailing
 * {@code {path}} or {@code {logpath}} parameter takes all the remaining segments, as proxy and log
 * paths need. Query strings are ignored. Thread-safe once built.
 */
public final class EndpointMatcher {
  private static final int METHODS = HttpMethod.values().length;
  private static final Set<String> NON_API_ROOTS =
      Set.of("healthz", "livez", "readyz", "metrics", "openapi", "debug");

  private final Node root = new Node();
  private final Set<String> groups = new HashSet<>();

  private EndpointMatcher() {}

  /** The matcher for a spec's operations. */
  public static EndpointMatcher of(List<Operation> operations) {
    EndpointMatcher matcher = new EndpointMatcher();
    for (Operation op : operations) {
      matcher.add(op);
    }
    return matcher;
  }

  private void add(Operation op) {
    String[] segments = segments(op.path());
    if (segments.length >= 2 && segments[0].equals("apis")) {
      groups.add(segments[1]);
    }
    Node node = root;
    for (int i = 0; i < segments.length; i++) {
      String segment = segments[i];
      boolean last = i == segments.length - 1;
      if (last && (segment.equals("{path}") || segment.equals("{logpath}"))) {
        node = node.rest == null ? (node.rest = new Node()) : node.rest;
      } else if (segment.startsWith("{")) {
        node = node.param == null ? (node.param = new Node()) : node.param;
      } else {
        node = node.literals.computeIfAbsent(segment, s -> new Node());
      }
    }
    if (node.byMethod == null) {
      node.byMethod = new Match[METHODS];
    }
    node.byMethod[op.method().ordinal()] = Match.of(op.operationId().intern());
  }

  /** Matches an audited request by its audit verb and requestURI. */
  public Match match(String verb, String requestUri) {
    if (requestUri == null || requestUri.isEmpty()) {
      return Match.NO_URI;
    }
    HttpMethod method = HttpMethod.ofVerb(verb, requestUri);
    if (method == null) {
      return Match.UNKNOWN_VERB;
    }
    return match(method, requestUri);
  }

  /** Matches a request by HTTP method and URI (the query string is ignored). */
  public Match match(HttpMethod method, String uri) {
    String[] segments = segments(uri);
    Match found = find(root, segments, 0, method.ordinal());
    if (found != null) {
      return found;
    }
    if (find(root, segments, 0, -1) != null) {
      return Match.NO_SUCH_METHOD;
    }
    if (segments.length > 0 && NON_API_ROOTS.contains(segments[0])) {
      return Match.NON_API;
    }
    if (segments.length > 1 && segments[0].equals("apis") && !groups.contains(segments[1])) {
      return Match.UNKNOWN_API_GROUP;
    }
    return Match.NO_SUCH_PATH;
  }

  /**
   * Depth-first: literal child, then parameter, then rest parameter. With method -1, finds any
   * operation at the path (to tell a wrong method from a wrong path).
   */
  private static Match find(Node node, String[] segments, int i, int method) {
    if (i == segments.length) {
      if (node.byMethod == null) {
        return null;
      }
      if (method >= 0) {
        return node.byMethod[method];
      }
      for (Match m : node.byMethod) {
        if (m != null) {
          return m;
        }
      }
      return null;
    }
    Node literal = node.literals.get(segments[i]);
    if (literal != null) {
      Match m = find(literal, segments, i + 1, method);
      if (m != null) {
        return m;
      }
    }
    if (node.param != null) {
      Match m = find(node.param, segments, i + 1, method);
      if (m != null) {
        return m;
      }
    }
    if (node.rest != null) {
      return find(node.rest, segments, segments.length, method);
    }
    return null;
  }

  /** The non-empty segments of a path, up to its query string. */
  static String[] segments(String uri) {
    int end = uri.length();
    int query = uri.indexOf('?');
    if (query >= 0) {
      end = query;
    }
    int count = 0;
    for (int i = 0; i < end; i++) {
      if (uri.charAt(i) != '/' && (i == 0 || uri.charAt(i - 1) == '/')) {
        count++;
      }
    }
    String[] segments = new String[count];
    int n = 0;
    int start = -1;
    for (int i = 0; i <= end; i++) {
      boolean boundary = i == end || uri.charAt(i) == '/';
      if (boundary) {
        if (start >= 0) {
          segments[n++] = uri.substring(start, i);
          start = -1;
        }
      } else if (start < 0) {
        start = i;
      }
    }
    return segments;
  }

  /** A trie node: literal children, one parameter child, one rest-of-path child, operations. */
  private static final class Node {
    final Map<String, Node> literals = new HashMap<>(4);
    Node param;
    Node rest;
    Match[] byMethod;
  }
}
