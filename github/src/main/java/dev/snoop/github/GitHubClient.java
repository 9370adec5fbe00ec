package dev.snoop.github;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.snoop.db.input.InvalidValueException;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpHeaders;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@link GitHubApi} over GitHub's REST API with {@code java.net.http} and Jackson. Lists follow the
 * {@code Link: rel="next"} header. Server errors (5xx) and lost connections are retried with
 * backoff; rate limits (403/429 with {@code Retry-After}, or {@code X-RateLimit-Remaining: 0} and
 * {@code X-RateLimit-Reset}) are waited out when the wait is short enough; anything else fails at
 * once with GitHub's message.
 */
public final class GitHubClient implements GitHubApi {
  private static final Logger log = LoggerFactory.getLogger(GitHubClient.class);
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Pattern NEXT_LINK = Pattern.compile("<([^>]+)>\\s*;\\s*rel=\"next\"");
  private static final String JSON_MEDIA = "application/vnd.github+json";

  /** Waits between attempts; tests pass one that records instead of sleeping. */
  @FunctionalInterface
  public interface Sleeper {
    Sleeper REAL = duration -> Thread.sleep(duration.toMillis());

    void sleep(Duration duration) throws InterruptedException;
  }

  /**
   * How hard to try.
   *
   * @param attempts calls per request at most, the first included
   * @param backoff the wait before the first retry after a server error; doubled each time
   * @param longestWait a rate-limit wait longer than this fails instead of waiting
   */
  public record Retries(int attempts, Duration backoff, Duration longestWait) {
    public static final Retries DEFAULT =
        new Retries(4, Duration.ofSeconds(1), Duration.ofMinutes(15));
  }

  private final URI base;
  private final Optional<String> token;
  private final HttpClient http;
  private final Retries retries;
  private final Sleeper sleeper;
  private final Clock clock;

  public GitHubClient(URI apiUrl, Optional<String> token) {
    this(apiUrl, token, Retries.DEFAULT, Sleeper.REAL, Clock.systemUTC());
  }

  public GitHubClient(
      URI apiUrl, Optional<String> token, Retries retries, Sleeper sleeper, Clock clock) {
    String text = apiUrl.toString();
    this.base = URI.create(text.endsWith("/") ? text.substring(0, text.length() - 1) : text);
    this.token = token.map(String::strip).filter(t -> !t.isEmpty());
    this.http =
        HttpClient.newBuilder()
            .connectTimeout(Duration.ofSeconds(10))
            .followRedirects(HttpClient.Redirect.NORMAL)
            .build();
    this.retries = retries;
    this.sleeper = sleeper;
    this.clock = clock;
  }

  @Override
  public String authenticatedLogin() {
    return json("GET", url("/user"), null).path("login").asText();
  }

  @Override
  public List<Integer> openPullRequests(String repo) {
    List<Integer> numbers = new ArrayList<>();
    for (JsonNode pr :
        list(url(repo(repo) + "/pulls?state=open&sort=created&direction=asc&per_page=100"))) {
      numbers.add(pr.path("number").asInt());
    }
    return numbers;
  }

  @Override
  public PullRequest pullRequest(String repo, int number) {
    JsonNode pr = json("GET", url(repo(repo) + "/pulls/" + number), null);
    List<String> labels = new ArrayList<>();
    pr.path("labels").forEach(label -> labels.add(label.path("name").asText()));
    return new PullRequest(
        pr.path("number").asInt(),
        pr.path("state").asText(),
        pr.path("title").asText(""),
        pr.path("head").path("sha").asText(),
        pr.path("commits").asInt(),
        labels,
        pr.path("user").path("login").asText(""),
        pr.path("base").path("ref").asText(""),
        pr.path("base").path("sha").asText(""));
  }

  @Override
  public boolean isOrgMember(String org, String login) {
    return exists(URI.create(base + "/orgs/" + encode(org) + "/members/" + encode(login)));
  }

  @Override
  public boolean isCollaborator(String repo, String login) {
    return exists(url(repo(repo) + "/collaborators/" + encode(login)));
  }

  @Override
  public List<ChangedFile> files(String repo, int number) {
    List<ChangedFile> files = new ArrayList<>();
    for (JsonNode file : list(url(repo(repo) + "/pulls/" + number + "/files?per_page=100"))) {
      files.add(new ChangedFile(file.path("filename").asText(), file.path("status").asText()));
    }
    return files;
  }

  @Override
  public byte[] content(String repo, String path, String ref) {
    String encodedPath =
        Arrays.stream(path.split("/")).map(GitHubClient::encode).collect(Collectors.joining("/"));
    URI uri = url(repo(repo) + "/contents/" + encodedPath + "?ref=" + encode(ref));
    return send("GET", uri, null, "application/vnd.github.raw+json").body();
  }

  @Override
  public List<IssueComment> comments(String repo, int number) {
    List<IssueComment> comments = new ArrayList<>();
    for (JsonNode c : list(url(repo(repo) + "/issues/" + number + "/comments?per_page=100"))) {
      comments.add(
          new IssueComment(
              c.path("id").asLong(),
              c.path("user").path("login").asText(),
              c.path("body").asText()));
    }
    return comments;
  }

  @Override
  public List<CommitStatus> statuses(String repo, String sha) {
    List<CommitStatus> statuses = new ArrayList<>();
    JsonNode page =
        json("GET", url(repo(repo) + "/commits/" + encode(sha) + "/statuses?per_page=100"), null);
    for (JsonNode s : page) {
      String creator = s.path("creator").path("login").asText("");
      statuses.add(
          new CommitStatus(
              s.path("context").asText(),
              s.path("state").asText(),
              s.path("description").asText(""),
              Optional.of(creator).filter(c -> !c.isEmpty())));
    }
    return statuses;
  }

  @Override
  public void addLabels(String repo, int number, List<String> labels) {
    ObjectNode body = JSON.createObjectNode();
    labels.forEach(body.putArray("labels")::add);
    json("POST", url(repo(repo) + "/issues/" + number + "/labels"), body);
  }

  @Override
  public void removeLabel(String repo, int number, String label) {
    try {
      send("DELETE", url(repo(repo) + "/issues/" + number + "/labels/" + encode(label)), null);
    } catch (GitHubException e) {
      if (e.status() != 404) { // already gone: what we wanted
        throw e;
      }
    }
  }

  @Override
  public long postComment(String repo, int number, String body) {
    ObjectNode json = JSON.createObjectNode().put("body", body);
    return json("POST", url(repo(repo) + "/issues/" + number + "/comments"), json)
        .path("id")
        .asLong();
  }

  @Override
  public void deleteComment(String repo, long commentId) {
    try {
      send("DELETE", url(repo(repo) + "/issues/comments/" + commentId), null);
    } catch (GitHubException e) {
      if (e.status() != 404) {
        throw e;
      }
    }
  }

  @Override
  public void setStatus(String repo, String sha, StatusUpdate status) {
    ObjectNode body =
        JSON.createObjectNode()
            .put("state", status.state())
            .put("description", status.description())
            .put("context", status.context());
    status.targetUrl().ifPresent(u -> body.put("target_url", u));
    json("POST", url(repo(repo) + "/statuses/" + encode(sha)), body);
  }

  /** Every element of a paged list, following {@code Link: rel="next"}. */
  private List<JsonNode> list(URI first) {
    List<JsonNode> all = new ArrayList<>();
    Optional<URI> next = Optional.of(first);
    while (next.isPresent()) {
      Response response = send("GET", next.get(), null);
      JsonNode page = parse(response, next.get());
      if (!page.isArray()) {
        throw new GitHubException(
            response.status(), "GET " + next.get() + ": expected a JSON list, got " + page);
      }
      page.forEach(all::add);
      next = nextPage(response.headers());
    }
    return all;
  }

  static Optional<URI> nextPage(HttpHeaders headers) {
    return headers
        .firstValue("Link")
        .map(NEXT_LINK::matcher)
        .filter(Matcher::find)
        .map(m -> URI.create(m.group(1)));
  }

  /** A yes/no GET: 204 is yes, 404 is no (GitHub's membership and collaborator checks). */
  private boolean exists(URI uri) {
    try {
      return send("GET", uri, null).status() == 204;
    } catch (GitHubException e) {
      if (e.status() == 404) {
        return false;
      }
      throw e;
    }
  }

  private JsonNode json(String method, URI uri, JsonNode body) {
    return parse(send(method, uri, body), uri);
  }

  private static JsonNode parse(Response response, URI uri) {
    try {
      byte[] body = response.body();
      return body.length == 0 ? JSON.createObjectNode() : JSON.readTree(body);
    } catch (IOException e) {
      throw new GitHubException(response.status(), uri + ": the answer is not JSON: " + e);
    }
  }

  private Response send(String method, URI uri, JsonNode body) {
    return send(method, uri, body, JSON_MEDIA);
  }

  private record Response(int status, HttpHeaders headers, byte[] body) {}

  private Response send(String method, URI uri, JsonNode body, String accept) {
    HttpRequest.Builder request =
        HttpRequest.newBuilder(uri)
            .timeout(Duration.ofSeconds(60))
            .header("Accept", accept)
            .header("User-Agent", "snoop-bot")
            .header("X-GitHub-Api-Version", "2022-11-28");
    token.ifPresent(t -> request.header("Authorization", "Bearer " + t));
    if (body != null) {
      request
          .header("Content-Type", "application/json")
          .method(method, HttpRequest.BodyPublishers.ofString(body.toString()));
    } else {
      request.method(method, HttpRequest.BodyPublishers.noBody());
    }
    String call = method + " " + uri;
    Duration backoff = retries.backoff();
    for (int attempt = 1; ; attempt++) {
      boolean last = attempt >= retries.attempts();
      HttpResponse<byte[]> response;
      try {
        response = http.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
      } catch (IOException e) {
        if (last) {
          throw new GitHubException(call + ": no answer after " + attempt + " attempts: " + e, e);
        }
        log.warn("{}: {}; retrying in {}", call, e.toString(), backoff);
        pause(backoff, call);
        backoff = backoff.multipliedBy(2);
        continue;
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new GitHubException(call + ": interrupted", e);
      }
      int status = response.statusCode();
      if (status < 300) {
        return new Response(status, response.headers(), response.body());
      }
      String message = call + ": " + status + " " + errorMessage(response.body());
      Optional<Duration> rateLimitWait = rateLimitWait(status, response.headers());
      if (rateLimitWait.isPresent() && !last) {
        Duration wait = rateLimitWait.get();
        if (wait.compareTo(retries.longestWait()) > 0) {
          throw new GitHubException(
              status, message + " (rate limited; it would take " + wait + " to wait it out)");
        }
        log.warn("{}; rate limited, waiting {}", message, wait);
        pause(wait, call);
      } else if (status >= 500 && !last) {
        log.warn("{}; retrying in {}", message, backoff);
        pause(backoff, call);
        backoff = backoff.multipliedBy(2);
      } else {
        throw new GitHubException(
            status, attempt > 1 ? message + " (after " + attempt + " attempts)" : message);
      }
    }
  }

  /** How long a rate-limit answer asks us to wait; empty when the answer is no rate limit. */
  private Optional<Duration> rateLimitWait(int status, HttpHeaders headers) {
    if (status != 403 && status != 429) {
      return Optional.empty();
    }
    Optional<Long> retryAfter = headers.firstValue("Retry-After").flatMap(GitHubClient::number);
    if (retryAfter.isPresent()) {
      return Optional.of(Duration.ofSeconds(Math.max(1, retryAfter.get())));
    }
    boolean exhausted =
        headers.firstValue("X-RateLimit-Remaining").flatMap(GitHubClient::number).orElse(-1L) == 0;
    Optional<Long> reset = headers.firstValue("X-RateLimit-Reset").flatMap(GitHubClient::number);
    if (exhausted && reset.isPresent()) {
      Duration untilReset = Duration.between(clock.instant(), Instant.ofEpochSecond(reset.get()));
      return Optional.of(
          untilReset.isNegative() ? Duration.ofSeconds(1) : untilReset.plusSeconds(1));
    }
    // a secondary rate limit without a hint: GitHub asks for at least a minute
    return status == 429 ? Optional.of(Duration.ofMinutes(1)) : Optional.empty();
  }

  private void pause(Duration wait, String call) {
    try {
      sleeper.sleep(wait);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new GitHubException(call + ": interrupted", e);
    }
  }

  private static String errorMessage(byte[] body) {
    try {
      JsonNode json = JSON.readTree(body);
      if (json != null && json.hasNonNull("message")) {
        return json.get("message").asText();
      }
    } catch (IOException e) {
      // not JSON: show the start of it
    }
    String text = new String(body, StandardCharsets.UTF_8).strip();
    return text.length() > 200 ? text.substring(0, 200) + "..." : text;
  }

  private static Optional<Long> number(String value) {
    try {
      return Optional.of(Long.parseLong(value.strip()));
    } catch (NumberFormatException e) {
      return Optional.empty();
    }
  }

  private URI url(String pathAndQuery) {
    return URI.create(base + pathAndQuery);
  }

  private static String repo(String ownerAndName) {
    String[] parts = ownerAndName.split("/", -1);
    if (parts.length != 2 || parts[0].isEmpty() || parts[1].isEmpty()) {
      throw new InvalidValueException("a repository is owner/name, not " + ownerAndName);
    }
    return "/repos/" + encode(parts[0]) + "/" + encode(parts[1]);
  }

  static String encode(String segment) {
    return URLEncoder.encode(segment, StandardCharsets.UTF_8).replace("+", "%20");
  }
}
