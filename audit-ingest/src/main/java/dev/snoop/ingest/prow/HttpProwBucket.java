package dev.snoop.ingest.prow;

import com.fasterxml.jackson.databind.JsonNode;
import dev.snoop.db.input.Documents;
import dev.snoop.db.input.InputBytes;
import dev.snoop.db.input.InputException;
import dev.snoop.db.input.InvalidValueException;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A public GCS bucket read over plain HTTP, with no credentials.
 *
 * <p>The bucket URL is {@code <origin>/<bucket>} ({@code gs://<bucket>} is read as {@code
 * https://storage.googleapis.com/<bucket>}). Objects are read from {@code
 * <origin>/<bucket>/<name>}; folders are listed through the GCS JSON API at {@code
 * <origin>/storage/v1/b/<bucket>/o ?prefix=<folder>&delimiter=/}, following {@code nextPageToken},
 * which gives the sub-folders as {@code prefixes} and the objects as {@code items}. That API is
 * public for public buckets and is what gcsweb itself reads, so gcsweb's HTML (which APISnoop
 * scrapes) is not read: the JSON is stable, paged and needs no HTML parsing. A test points the URL
 * at a local server laid out the same way.
 *
 * <p>Server errors (5xx, 429) and network failures are tried again a few times; any other HTTP
 * status fails at once, naming the URL and the status. 404 is "no such object".
 */
public final class HttpProwBucket implements ProwBucket {
  /** Where Prow's public CI artifacts are, since 2024 (before: {@code kubernetes-jenkins}). */
  public static final String DEFAULT_URL = "https://storage.googleapis.com/kubernetes-ci-logs";

  private static final Logger log = LoggerFactory.getLogger(HttpProwBucket.class);
  private static final Duration TIMEOUT = Duration.ofSeconds(60);
  private static final int PREVIEW_BYTES = 200;

  private final String base;
  private final String name;
  private final String listing;
  private final HttpClient http;
  private final int attempts;
  private final Duration pause;

  /**
   * @param url {@code https://storage.googleapis.com/<bucket>}, {@code gs://<bucket>}, or any
   *     {@code http(s)://host[/path]/<bucket>} that serves objects and the GCS JSON listing
   * @throws IllegalArgumentException when the URL names no bucket
   */
  public HttpProwBucket(String url) {
    this(url, 3, Duration.ofSeconds(2));
  }

  HttpProwBucket(String url, int attempts, Duration pause) {
    URI uri = bucketUri(url);
    String path = uri.getRawPath().replaceAll("/+$", "");
    this.name = path.substring(path.lastIndexOf('/') + 1);
    String origin = uri.getScheme() + "://" + uri.getRawAuthority();
    this.base = origin + path;
    this.listing =
        origin + path.substring(0, path.lastIndexOf('/')) + "/storage/v1/b/" + name + "/o";
    this.http =
        HttpClient.newBuilder()
            .followRedirects(HttpClient.Redirect.NORMAL)
            .connectTimeout(Duration.ofSeconds(20))
            .build();
    this.attempts = attempts;
    this.pause = pause;
  }

  private static URI bucketUri(String url) {
    String text = url == null ? "" : url.strip();
    if (text.startsWith("gs://")) {
      text = "https://storage.googleapis.com/" + text.substring("gs://".length());
    }
    URI uri;
    try {
      uri = URI.create(text);
    } catch (IllegalArgumentException e) {
      throw new InvalidValueException("\"" + url + "\" is not a bucket URL: " + e.getMessage(), e);
    }
    String path = uri.getRawPath() == null ? "" : uri.getRawPath().replaceAll("/+$", "");
    boolean web = "http".equals(uri.getScheme()) || "https".equals(uri.getScheme());
    if (!web || uri.getRawAuthority() == null || path.isEmpty() || uri.getRawQuery() != null) {
      throw new InvalidValueException(
          "\""
              + url
              + "\" is not a bucket URL: expected https://storage.googleapis.com/<bucket>,"
              + " gs://<bucket> or http(s)://host/<bucket>");
    }
    return uri;
  }

  @Override
  public String name() {
    return name;
  }

  @Override
  public String url(String object) {
    return base + "/" + escapePath(object);
  }

  /** The URL of the GCS JSON API listing for this bucket. */
  String listingUrl() {
    return listing;
  }

  @Override
  public Listing list(String folder) {
    List<String> folders = new ArrayList<>();
    List<String> objects = new ArrayList<>();
    String token = "";
    do {
      String url =
          listing
              + "?prefix="
              + query(folder)
              + "&delimiter=%2F&fields="
              + query("prefixes,items(name),nextPageToken")
              + (token.isEmpty() ? "" : "&pageToken=" + query(token));
      byte[] body =
          fetch(url)
              .orElseThrow(() -> new BucketReadException(url + ": HTTP 404 (no such bucket)"));
      JsonNode page = listingPage(url, body);
      page.path("prefixes").forEach(p -> folders.add(p.asText()));
      for (JsonNode item : page.path("items")) {
        String object = item.path("name").asText();
        if (!object.equals(folder)) {
          objects.add(object);
        }
      }
      String next = page.path("nextPageToken").asText("");
      if (!next.isEmpty() && next.equals(token)) {
        throw new BucketReadException(url + ": the listing gives the same page token again");
      }
      token = next;
    } while (!token.isEmpty());
    return new Listing(folders, objects);
  }

  private static JsonNode listingPage(String url, byte[] body) {
    try {
      JsonNode page = Documents.json(new InputBytes(url, body), "a GCS JSON API object listing");
      if (!page.isObject()) {
        throw new BucketReadException(
            url + ": expected a GCS object listing but found " + Documents.typeOf(page));
      }
      return page;
    } catch (BucketReadException e) {
      throw e;
    } catch (InputException e) {
      throw new BucketReadException(e.getMessage(), e);
    }
  }

  @Override
  public Optional<byte[]> read(String object) {
    return fetch(url(object));
  }

  private Optional<byte[]> fetch(String url) {
    return retrying(
        url,
        () -> {
          HttpResponse<InputStream> response = get(url);
          try (InputStream body = response.body()) {
            if (response.statusCode() == 404) {
              return Optional.empty();
            }
            requireOk(url, response.statusCode(), body);
            return Optional.of(body.readAllBytes());
          }
        });
  }

  @Override
  public void download(String object, Path target) {
    String url = url(object);
    retrying(
        url,
        () -> {
          HttpResponse<InputStream> response = get(url);
          try (InputStream body = response.body()) {
            requireOk(url, response.statusCode(), body);
            Files.copy(body, target, StandardCopyOption.REPLACE_EXISTING);
            return target;
          }
        });
  }

  private HttpResponse<InputStream> get(String url) throws IOException, InterruptedException {
    HttpRequest request = HttpRequest.newBuilder(URI.create(url)).timeout(TIMEOUT).GET().build();
    return http.send(request, HttpResponse.BodyHandlers.ofInputStream());
  }

  /** Fails on any status but 200: at once, or by a retryable {@link StatusFailure}. */
  private static void requireOk(String url, int status, InputStream body) throws IOException {
    if (status == 200) {
      return;
    }
    String preview = new InputBytes(url, body.readNBytes(PREVIEW_BYTES)).preview();
    String message = url + ": HTTP " + status + (preview.isEmpty() ? "" : " (" + preview + ")");
    if (status >= 500 || status == 429) {
      throw new StatusFailure(message);
    }
    throw new BucketReadException(message);
  }

  /** A status worth asking again for; an IOException so that it is retried like one. */
  private static final class StatusFailure extends IOException {
    StatusFailure(String message) {
      super(message);
    }
  }

  private interface Call<T> {
    T run() throws IOException, InterruptedException;
  }

  private <T> T retrying(String url, Call<T> call) {
    for (int attempt = 1; ; attempt++) {
      try {
        return call.run();
      } catch (IOException e) {
        String problem = e instanceof StatusFailure ? e.getMessage() : url + ": cannot read: " + e;
        if (attempt >= attempts) {
          throw new BucketReadException(
              problem + (attempts > 1 ? " (tried " + attempts + " times)" : ""), e);
        }
        log.warn("{}; trying again", problem);
        sleep(url, pause.multipliedBy(attempt));
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new BucketReadException(url + ": interrupted", e);
      }
    }
  }

  private static void sleep(String url, Duration duration) {
    try {
      Thread.sleep(duration.toMillis());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new BucketReadException(url + ": interrupted", e);
    }
  }

  private static String query(String value) {
    return URLEncoder.encode(value, StandardCharsets.UTF_8);
  }

  /** Percent-encodes an object name for a URL path, keeping its slashes. */
  private static String escapePath(String name) {
    StringBuilder out = new StringBuilder();
    for (byte b : name.getBytes(StandardCharsets.UTF_8)) {
      char c = (char) (b & 0xff);
      if ((c >= 'a' && c <= 'z')
          || (c >= 'A' && c <= 'Z')
          || (c >= '0' && c <= '9')
          || "-._~/".indexOf(c) >= 0) {
        out.append(c);
      } else {
        out.append('%').append(String.format("%02X", b & 0xff));
      }
    }
    return out.toString();
  }
}
