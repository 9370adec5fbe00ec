package dev.snoop.ingest;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * The names of the query parameters of a request URI (never their values): {@code
 * /api/v1/pods?watch=true&labelSelector=a%3Db} gives watch and labelSelector. Each name once per
 * request, in the order first sent.
 */
final class QueryParameters {
  /** Longer names are no Kubernetes parameter: not kept, so a client cannot bloat the aggregate. */
  static final int MAX_NAME_LENGTH = 64;

  private QueryParameters() {}

  static List<String> names(String requestUri) {
    if (requestUri == null) {
      return List.of();
    }
    int query = requestUri.indexOf('?');
    if (query < 0 || query == requestUri.length() - 1) {
      return List.of();
    }
    int end = requestUri.indexOf('#', query);
    if (end < 0) {
      end = requestUri.length();
    }
    List<String> names = new ArrayList<>(4);
    int from = query + 1;
    while (from < end) {
      int amp = requestUri.indexOf('&', from);
      if (amp < 0 || amp > end) {
        amp = end;
      }
      int eq = requestUri.indexOf('=', from);
      int nameEnd = eq >= 0 && eq < amp ? eq : amp;
      if (nameEnd > from && nameEnd - from <= 3 * MAX_NAME_LENGTH) {
        String name = decode(requestUri.substring(from, nameEnd));
        if (!name.isEmpty() && name.length() <= MAX_NAME_LENGTH && !names.contains(name)) {
          names.add(name);
        }
      }
      from = amp + 1;
    }
    return names;
  }

  private static String decode(String name) {
    if (name.indexOf('%') < 0 && name.indexOf('+') < 0) {
      return name;
    }
    try {
      return URLDecoder.decode(name, StandardCharsets.UTF_8);
    } catch (IllegalArgumentException malformed) {
      return name; // a stray %: the name as sent
    }
  }
}
