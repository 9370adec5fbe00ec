package dev.snoop.github;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Deque;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * A local GitHub REST API for one repository: it answers with the recorded response shapes in
 * {@code src/test/resources/github/}, keeps the state the bot changes (labels, comments, statuses),
 * records every request, and can be told to fail the next calls to a path (5xx, rate limits).
 */
public final class FakeGitHub implements AutoCloseable {
  public static final String REPO = "cncf/k8s-conformance";
  public static final String TOKEN = "ghp_test0000000000000000000000000000000000";
  public static final String LOGIN = "snoop-bot";
  private static final long REPO_ID = 70000123;
  private static final ObjectMapper JSON = new ObjectMapper();

  /** A request as received. */
  public record Request(String method, String path, String body, Map<String, String> headers) {
    public boolean write() {
      return !method.equals("GET");
    }

    @Override
    public String toString() {
      return method + " " + path + (body.isEmpty() ? "" : " " + body);
    }
  }

  /** One pull request's state. */
  public static final class Pr {
    public final int number;
    public String title;
    public String headSha;
    public int commits = 1;
    public String state = "open";
    public String author = "vendor-engineer";
    public String baseRef = "master";
    public final List<String> labels = new ArrayList<>();
    public final Map<String, byte[]> files = new LinkedHashMap<>();
    public final List<String> removed = new ArrayList<>();
    public final List<Comment> comments = new ArrayList<>();

    Pr(int number, String title, String headSha) {
      this.number = number;
      this.title = title;
      this.headSha = headSha;
    }
  }

  public record Comment(long id, String login, String body) {}

  public record Status(String state, String description, String context, String creator) {}

  private record Scripted(int status, Map<String, String> headers, String fixture) {}

  private final HttpServer server;
  private final Map<Integer, Pr> prs = new LinkedHashMap<>();
  private final Map<String, List<Status>> statuses = new HashMap<>();
  private final java.util.Set<String> orgMembers = new java.util.HashSet<>();
  private final java.util.Set<String> collaborators = new java.util.HashSet<>();
  private final Map<String, Deque<Scripted>> failures = new HashMap<>();
  private final List<Request> requests = new ArrayList<>();
  private long nextId = 2281850000L;

  /** Items per page of list answers (GitHub's is per_page, up to 100). */
  public int pageSize = 100;

  public FakeGitHub() {
    try {
      server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    server.createContext("/", this::serve);
    server.start();
  }

  public URI url() {
    return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
  }

  public synchronized Pr pr(int number, String title, String headSha) {
    Pr pr = new Pr(number, title, headSha);
    prs.put(number, pr);
    return pr;
  }

  /** Makes {@code login} a member of the cncf organisation (trusted by the job engine). */
  public synchronized void addOrgMember(String login) {
    orgMembers.add(login);
  }

  /** Makes {@code login} a collaborator of the repository. */
  public synchronized void addCollaborator(String login) {
    collaborators.add(login);
  }

  /** Every pull request, by number. */
  public synchronized Map<Integer, Pr> prs() {
    return Map.copyOf(prs);
  }

  public synchronized Pr pr(int number) {
    return prs.get(number);
  }

  public synchronized List<Status> statuses(String sha) {
    return List.copyOf(statuses.getOrDefault(sha, List.of()));
  }

  public synchronized void addStatus(String sha, Status status) {
    statuses.computeIfAbsent(sha, s -> new ArrayList<>()).add(0, status);
  }

  public synchronized long comment(int number, String login, String body) {
    long id = nextId++;
    prs.get(number).comments.add(new Comment(id, login, body));
    return id;
  }

  /** The next call whose path starts with {@code pathPrefix} gets this answer instead. */
  public synchronized void failNext(
      String pathPrefix, int status, Map<String, String> headers, String fixture) {
    failures
        .computeIfAbsent(pathPrefix, p -> new ArrayDeque<>())
        .add(new Scripted(status, headers, fixture));
  }

  public synchronized List<Request> requests() {
    return List.copyOf(requests);
  }

  public synchronized List<Request> writes() {
    return requests.stream().filter(Request::write).toList();
  }

  public synchronized void clearRequests() {
    requests.clear();
  }

  @Override
  public void close() {
    server.stop(0);
  }

  private static final Pattern REPO_PATH = Pattern.compile("/repos/cncf/k8s-conformance(/.*)");
  private static final Pattern ORG_MEMBER = Pattern.compile("/orgs/([^/]+)/members/([^/]+)");
  private static final Pattern BY_ID = Pattern.compile("/repositories/" + REPO_ID + "(/.*)");

  private synchronized void serve(HttpExchange exchange) throws IOException {
    try (exchange) {
      URI uri = exchange.getRequestURI();
      String method = exchange.getRequestMethod();
      String body;
      try (InputStream in = exchange.getRequestBody()) {
        body = new String(in.readAllBytes(), StandardCharsets.UTF_8);
      }
      Map<String, String> headers = new HashMap<>();
      exchange.getRequestHeaders().forEach((k, v) -> headers.put(k.toLowerCase(), v.get(0)));
      String rawPath = uri.getRawPath();
      String target = rawPath + (uri.getRawQuery() == null ? "" : "?" + uri.getRawQuery());
      requests.add(new Request(method, target, body, headers));

      for (var failure : failures.entrySet()) {
        if (rawPath.startsWith(failure.getKey()) && !failure.getValue().isEmpty()) {
          Scripted s = failure.getValue().poll();
          s.headers().forEach(exchange.getResponseHeaders()::set);
          send(exchange, s.status(), fixture(s.fixture()));
          return;
        }
      }
      String auth = headers.getOrDefault("authorization", "");
      if (!auth.isEmpty() && !auth.equals("Bearer " + TOKEN)) {
        send(exchange, 401, fixture("error-bad-credentials"));
        return;
      }
      if (auth.isEmpty() && (!method.equals("GET") || rawPath.equals("/user"))) {
        ObjectNode error = fixture("error-bad-credentials").deepCopy();
        error.put("message", "Requires authentication");
        send(exchange, 401, error);
        return;
      }
      if (rawPath.equals("/user") && method.equals("GET")) {
        send(exchange, 200, fixture("user"));
        return;
      }
      Matcher member = ORG_MEMBER.matcher(rawPath);
      if (member.matches() && method.equals("GET")) {
        boolean is = member.group(1).equals("cncf") && orgMembers.contains(member.group(2));
        send(exchange, is ? 204 : 404, is ? null : fixture("error-not-found"));
        return;
      }
      Matcher m = REPO_PATH.matcher(rawPath);
      Matcher byId = BY_ID.matcher(rawPath);
      String rest = m.matches() ? m.group(1) : byId.matches() ? byId.group(1) : null;
      if (rest == null || !route(exchange, method, rest, query(uri), body)) {
        send(exchange, 404, fixture("error-not-found"));
      }
    }
  }

  private boolean route(
      HttpExchange exchange, String method, String rest, Map<String, String> query, String body)
      throws IOException {
    String[] p = rest.substring(1).split("/");
    if (method.equals("GET") && rest.equals("/pulls")) {
      List<JsonNode> open =
          prs.values().stream().filter(pr -> pr.state.equals("open")).map(this::pull).toList();
      page(exchange, "/pulls", open, query);
      return true;
    }
    if (p[0].equals("collaborators") && p.length == 2 && method.equals("GET")) {
      boolean is = collaborators.contains(p[1]);
      send(exchange, is ? 204 : 404, is ? null : fixture("error-not-found"));
      return true;
    }
    if (p[0].equals("pulls") && p.length >= 2) {
      Pr pr = prs.get(Integer.parseInt(p[1]));
      if (pr == null) {
        return false;
      }
      if (p.length == 2 && method.equals("GET")) {
        send(exchange, 200, pull(pr));
        return true;
      }
      if (p.length == 3 && p[2].equals("files") && method.equals("GET")) {
        List<JsonNode> files = new ArrayList<>();
        pr.files.forEach((path, content) -> files.add(file(pr, path, "added", content)));
        pr.removed.forEach(path -> files.add(file(pr, path, "removed", new byte[0])));
        page(exchange, "/pulls/" + pr.number + "/files", files, query);
        return true;
      }
      return false;
    }
    if (p[0].equals("contents") && method.equals("GET")) {
      String path =
          Arrays.stream(p, 1, p.length)
              .map(s -> URLDecoder.decode(s.replace("+", "%2B"), StandardCharsets.UTF_8))
              .collect(Collectors.joining("/"));
      String ref = query.getOrDefault("ref", "");
      for (Pr pr : prs.values()) {
        if (pr.headSha.equals(ref) && pr.files.containsKey(path)) {
          if (!exchange
              .getRequestHeaders()
              .getFirst("Accept")
              .equals("application/vnd.github.raw+json")) {
            throw new IllegalStateException("contents asked for without the raw media type");
          }
          byte[] bytes = pr.files.get(path);
          exchange.getResponseHeaders().set("Content-Type", "application/vnd.github.raw+json");
          exchange.sendResponseHeaders(200, bytes.length == 0 ? -1 : bytes.length);
          exchange.getResponseBody().write(bytes);
          return true;
        }
      }
      return false;
    }
    if (p[0].equals("issues")
        && p.length == 3
        && p[1].equals("comments")
        && method.equals("DELETE")) {
      long id = Long.parseLong(p[2]);
      for (Pr pr : prs.values()) {
        if (pr.comments.removeIf(c -> c.id() == id)) {
          exchange.sendResponseHeaders(204, -1);
          return true;
        }
      }
      return false;
    }
    if (p[0].equals("issues") && p.length >= 3) {
      Pr pr = prs.get(Integer.parseInt(p[1]));
      if (pr == null) {
        return false;
      }
      if (p[2].equals("comments") && method.equals("GET")) {
        page(
            exchange,
            "/issues/" + pr.number + "/comments",
            pr.comments.stream().map(this::comment).toList(),
            query);
        return true;
      }
      if (p[2].equals("comments") && method.equals("POST")) {
        long id = nextId++;
        Comment c = new Comment(id, LOGIN, JSON.readTree(body).path("body").asText());
        pr.comments.add(c);
        send(exchange, 201, comment(c));
        return true;
      }
      if (p[2].equals("labels") && p.length == 3 && method.equals("POST")) {
        JSON.readTree(body)
            .path("labels")
            .forEach(
                l -> {
                  if (!pr.labels.contains(l.asText())) {
                    pr.labels.add(l.asText());
                  }
                });
        send(exchange, 200, labels(pr.labels));
        return true;
      }
      if (p[2].equals("labels") && p.length == 4 && method.equals("DELETE")) {
        String name = URLDecoder.decode(p[3].replace("+", "%2B"), StandardCharsets.UTF_8);
        if (!pr.labels.remove(name)) {
          ObjectNode error = fixture("error-not-found").deepCopy();
          error.put("message", "Label does not exist");
          send(exchange, 404, error);
          return true;
        }
        send(exchange, 200, labels(pr.labels));
        return true;
      }
      return false;
    }
    if (p[0].equals("commits")
        && p.length == 3
        && p[2].equals("statuses")
        && method.equals("GET")) {
      List<JsonNode> list =
          statuses.getOrDefault(p[1], List.of()).stream().map(s -> status(p[1], s)).toList();
      page(exchange, "/commits/" + p[1] + "/statuses", list, query);
      return true;
    }
    if (p[0].equals("statuses") && p.length == 2 && method.equals("POST")) {
      JsonNode json = JSON.readTree(body);
      Status s =
          new Status(
              json.path("state").asText(),
              json.path("description").asText(),
              json.path("context").asText("default"),
              LOGIN);
      addStatus(p[1], s);
      send(exchange, 201, status(p[1], s));
      return true;
    }
    return false;
  }

  /** A list answer, paged as GitHub pages: per_page and page, a Link header with next and last. */
  private void page(
      HttpExchange exchange, String path, List<JsonNode> items, Map<String, String> query)
      throws IOException {
    int perPage = Math.min(pageSize, Integer.parseInt(query.getOrDefault("per_page", "30")));
    int pageNo = Integer.parseInt(query.getOrDefault("page", "1"));
    int last = Math.max(1, (items.size() + perPage - 1) / perPage);
    ArrayNode answer = JSON.createArrayNode();
    items.stream().skip((long) (pageNo - 1) * perPage).limit(perPage).forEach(answer::add);
    if (last > 1) {
      Map<String, String> others = new LinkedHashMap<>(query);
      others.remove("page");
      others.put("per_page", String.valueOf(perPage));
      String q =
          others.entrySet().stream()
              .map(e -> e.getKey() + "=" + e.getValue())
              .collect(Collectors.joining("&"));
      String base = url() + "/repositories/" + REPO_ID + path + "?" + q + "&page=";
      List<String> links = new ArrayList<>();
      if (pageNo > 1) {
        links.add("<" + base + (pageNo - 1) + ">; rel=\"prev\"");
      }
      if (pageNo < last) {
        links.add("<" + base + (pageNo + 1) + ">; rel=\"next\"");
        links.add("<" + base + last + ">; rel=\"last\"");
      }
      if (pageNo > 1) {
        links.add("<" + base + 1 + ">; rel=\"first\"");
      }
      exchange.getResponseHeaders().set("Link", String.join(", ", links));
    }
    send(exchange, 200, answer);
  }

  private JsonNode pull(Pr pr) {
    ObjectNode pull = fixture("pull").deepCopy();
    String api = "https://api.github.com/repos/" + REPO;
    pull.put("url", api + "/pulls/" + pr.number);
    pull.put("html_url", "https://github.com/" + REPO + "/pull/" + pr.number);
    pull.put("number", pr.number);
    pull.put("state", pr.state);
    pull.put("title", pr.title);
    pull.put("statuses_url", api + "/statuses/" + pr.headSha);
    pull.put("commits", pr.commits);
    pull.put("changed_files", pr.files.size() + pr.removed.size());
    pull.put("comments", pr.comments.size());
    ((ObjectNode) pull.get("head")).put("sha", pr.headSha);
    ((ObjectNode) pull.get("base")).put("ref", pr.baseRef);
    ((ObjectNode) pull.get("user")).put("login", pr.author);
    pull.set("labels", labels(pr.labels));
    return pull;
  }

  private JsonNode file(Pr pr, String path, String status, byte[] content) {
    ObjectNode file = fixture("pull-file").deepCopy();
    String encoded = path.replace("/", "%2F").replace(" ", "%20");
    file.put("filename", path);
    file.put("status", status);
    long lines = new String(content, StandardCharsets.UTF_8).lines().count();
    file.put("additions", status.equals("removed") ? 0 : lines);
    file.put("deletions", status.equals("removed") ? lines : 0);
    file.put("changes", lines);
    file.put("blob_url", "https://github.com/" + REPO + "/blob/" + pr.headSha + "/" + encoded);
    file.put("raw_url", "https://github.com/" + REPO + "/raw/" + pr.headSha + "/" + encoded);
    file.put(
        "contents_url",
        "https://api.github.com/repos/" + REPO + "/contents/" + encoded + "?ref=" + pr.headSha);
    if (content.length > 100_000) {
      file.remove("patch"); // GitHub leaves out the patch of a large diff
    }
    return file;
  }

  private JsonNode comment(Comment c) {
    ObjectNode comment = fixture("issue-comment").deepCopy();
    comment.put("id", c.id());
    comment.put("url", "https://api.github.com/repos/" + REPO + "/issues/comments/" + c.id());
    comment.put("body", c.body());
    ((ObjectNode) comment.get("user")).put("login", c.login());
    return comment;
  }

  private ArrayNode labels(List<String> names) {
    ArrayNode array = JSON.createArrayNode();
    for (String name : names) {
      ObjectNode label = fixture("label").deepCopy();
      label.put("name", name);
      label.put(
          "url", "https://api.github.com/repos/" + REPO + "/labels/" + name.replace(" ", "%20"));
      array.add(label);
    }
    return array;
  }

  private JsonNode status(String sha, Status s) {
    ObjectNode status = fixture("status").deepCopy();
    status.put("url", "https://api.github.com/repos/" + REPO + "/statuses/" + sha);
    status.put("state", s.state());
    status.put("description", s.description());
    status.put("context", s.context());
    ((ObjectNode) status.get("creator")).put("login", s.creator());
    return status;
  }

  private static final Map<String, JsonNode> FIXTURES = new HashMap<>();

  /** A recorded response shape from {@code src/test/resources/github/<name>.json}. */
  public static synchronized JsonNode fixture(String name) {
    return FIXTURES.computeIfAbsent(
        name,
        n -> {
          try (InputStream in = FakeGitHub.class.getResourceAsStream("/github/" + n + ".json")) {
            return JSON.readTree(
                Optional.ofNullable(in)
                    .orElseThrow(() -> new IllegalArgumentException("no fixture " + n)));
          } catch (IOException e) {
            throw new UncheckedIOException(e);
          }
        });
  }

  private static Map<String, String> query(URI uri) {
    Map<String, String> query = new LinkedHashMap<>();
    if (uri.getRawQuery() != null) {
      for (String pair : uri.getRawQuery().split("&")) {
        int eq = pair.indexOf('=');
        query.put(
            eq < 0 ? pair : pair.substring(0, eq),
            eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
      }
    }
    return query;
  }

  private static void send(HttpExchange exchange, int status, JsonNode json) throws IOException {
    if (json == null) {
      exchange.sendResponseHeaders(status, -1); // 204: no body
      return;
    }
    byte[] bytes = JSON.writeValueAsBytes(json);
    exchange.getResponseHeaders().set("Content-Type", "application/json; charset=utf-8");
    exchange.getResponseHeaders().set("X-GitHub-Media-Type", "github.v3; format=json");
    exchange.sendResponseHeaders(status, bytes.length);
    exchange.getResponseBody().write(bytes);
  }
}
