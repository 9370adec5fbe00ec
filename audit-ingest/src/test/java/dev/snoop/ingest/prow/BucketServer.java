package dev.snoop.ingest.prow;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Stream;
import java.util.zip.GZIPOutputStream;

/**
 * A local HTTP server laid out like a public GCS bucket, serving a directory tree: object {@code
 * <name>} is the file {@code <root>/<name>}, read at {@code /<bucket>/<name>}, and folders are
 * listed at {@code /storage/v1/b/<bucket>/o?prefix=..&delimiter=/} as the GCS JSON API lists them:
 * in name order (so {@code 1000/} before {@code 999/}), a page at a time. It counts requests.
 */
public final class BucketServer implements AutoCloseable {
  static final String BUCKET = "kubernetes-ci-logs";
  private static final ObjectMapper JSON = new ObjectMapper();

  private final Path root;
  private final HttpServer server;
  private final List<String> objectRequests = Collections.synchronizedList(new ArrayList<>());
  private final List<String> listingRequests = Collections.synchronizedList(new ArrayList<>());
  private final Map<String, List<Integer>> failures = new ConcurrentHashMap<>();
  private volatile int pageSize = 1000;

  public BucketServer(Path root) throws IOException {
    this.root = root;
    server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    server.createContext("/", this::handle);
    server.start();
  }

  /** The bucket URL to give {@link HttpProwBucket}. */
  public String url() {
    return "http://127.0.0.1:" + server.getAddress().getPort() + "/" + BUCKET;
  }

  public BucketServer put(String name, String content) {
    return put(name, content.getBytes(StandardCharsets.UTF_8));
  }

  public BucketServer put(String name, byte[] content) {
    try {
      Path file = root.resolve(name);
      Files.createDirectories(file.getParent());
      Files.write(file, content);
      return this;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  BucketServer putGzip(String name, String content) {
    try (var bytes = new java.io.ByteArrayOutputStream();
        var gzip = new GZIPOutputStream(bytes)) {
      gzip.write(content.getBytes(StandardCharsets.UTF_8));
      gzip.finish();
      return put(name, bytes.toByteArray());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The next requests for an object (or, with "?", the listing) answer with these statuses. */
  void fail(String name, Integer... statuses) {
    failures.put(name, Collections.synchronizedList(new ArrayList<>(List.of(statuses))));
  }

  void pageSize(int size) {
    pageSize = size;
  }

  /** The names of the objects asked for, in order. */
  List<String> objectRequests() {
    return List.copyOf(objectRequests);
  }

  /** The folder of each listing page asked for, with its page token: {@code logs/job/ #2}. */
  List<String> listingRequests() {
    return List.copyOf(listingRequests);
  }

  void clearRequests() {
    objectRequests.clear();
    listingRequests.clear();
  }

  @Override
  public void close() {
    server.stop(0);
  }

  private void handle(HttpExchange exchange) throws IOException {
    try (exchange) {
      String path = exchange.getRequestURI().getPath();
      String listing = "/storage/v1/b/" + BUCKET + "/o";
      if (path.equals(listing)) {
        list(exchange, query(exchange.getRequestURI().getRawQuery()));
      } else if (path.startsWith("/" + BUCKET + "/")) {
        object(exchange, path.substring(BUCKET.length() + 2));
      } else {
        send(exchange, 404, "Not Found".getBytes(StandardCharsets.UTF_8));
      }
    }
  }

  private void object(HttpExchange exchange, String name) throws IOException {
    objectRequests.add(name);
    Integer failure = nextFailure(name);
    if (failure != null) {
      send(exchange, failure, ("<Error>status " + failure + "</Error>").getBytes());
      return;
    }
    Path file = root.resolve(name);
    if (!Files.isRegularFile(file)) {
      send(exchange, 404, ("No such object: " + BUCKET + "/" + name).getBytes());
      return;
    }
    exchange.sendResponseHeaders(200, Files.size(file));
    try (OutputStream out = exchange.getResponseBody()) {
      Files.copy(file, out);
    }
  }

  private void list(HttpExchange exchange, Map<String, String> query) throws IOException {
    String prefix = query.getOrDefault("prefix", "");
    int from = Integer.parseInt(query.getOrDefault("pageToken", "0"));
    listingRequests.add(prefix + (from == 0 ? "" : " #" + from));
    Integer failure = nextFailure("?" + prefix);
    if (failure != null) {
      send(exchange, failure, ("{\"error\": {\"code\": " + failure + "}}").getBytes());
      return;
    }
    if (!"/".equals(query.get("delimiter")) || !(prefix.isEmpty() || prefix.endsWith("/"))) {
      send(exchange, 400, "this fake lists folders only".getBytes());
      return;
    }
    List<String> names = new ArrayList<>();
    Path folder = root.resolve(prefix);
    if (Files.isDirectory(folder)) {
      try (Stream<Path> children = Files.list(folder)) {
        children.forEach(
            child ->
                names.add(prefix + child.getFileName() + (Files.isDirectory(child) ? "/" : "")));
      }
    }
    Collections.sort(names);
    ObjectNode page = JSON.createObjectNode().put("kind", "storage#objects");
    List<String> shown = names.subList(from, Math.min(names.size(), from + pageSize));
    Map<Boolean, List<String>> byKind = new HashMap<>();
    shown.forEach(n -> byKind.computeIfAbsent(n.endsWith("/"), k -> new ArrayList<>()).add(n));
    if (byKind.containsKey(true)) {
      ArrayNode prefixes = page.putArray("prefixes");
      byKind.get(true).forEach(prefixes::add);
    }
    if (byKind.containsKey(false)) {
      ArrayNode items = page.putArray("items");
      for (String name : byKind.get(false)) {
        items
            .addObject()
            .put("name", name)
            .put("size", String.valueOf(Files.size(root.resolve(name))));
      }
    }
    if (from + pageSize < names.size()) {
      page.put("nextPageToken", String.valueOf(from + pageSize));
    }
    send(exchange, 200, JSON.writeValueAsBytes(page));
  }

  private Integer nextFailure(String key) {
    List<Integer> statuses = failures.get(key);
    return statuses == null || statuses.isEmpty() ? null : statuses.remove(0);
  }

  private static void send(HttpExchange exchange, int status, byte[] body) throws IOException {
    exchange.sendResponseHeaders(status, body.length == 0 ? -1 : body.length);
    try (OutputStream out = exchange.getResponseBody()) {
      out.write(body);
    }
  }

  private static Map<String, String> query(String raw) {
    Map<String, String> query = new HashMap<>();
    if (raw != null) {
      for (String pair : raw.split("&")) {
        String[] kv = pair.split("=", 2);
        query.put(
            URLDecoder.decode(kv[0], StandardCharsets.UTF_8),
            kv.length < 2 ? "" : URLDecoder.decode(kv[1], StandardCharsets.UTF_8));
      }
    }
    return query;
  }
}
