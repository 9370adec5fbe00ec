package dev.snoop.ingest.reader;

import dev.snoop.db.input.InputBytes;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;

/**
 * Downloads an audit log at an http(s) URL to a file in the cache, once: a URL's log is taken never
 * to change. Streams to disk, unlike {@code InputReader}, which holds a whole input in memory.
 */
final class UrlDownloader {
  private static final Duration TIMEOUT = Duration.ofMinutes(10);

  private final Path cacheDir;
  private final HttpClient http =
      HttpClient.newBuilder()
          .followRedirects(HttpClient.Redirect.NORMAL)
          .connectTimeout(Duration.ofSeconds(20))
          .build();

  UrlDownloader(Path cacheDir) {
    this.cacheDir = cacheDir;
  }

  static boolean isUrl(String arg) {
    return arg.startsWith("http://") || arg.startsWith("https://");
  }

  Path fetch(String url) {
    URI uri;
    try {
      uri = URI.create(url);
    } catch (IllegalArgumentException e) {
      throw new AuditSourceException(url + ": not a valid URL: " + e.getMessage(), e);
    }
    Path cached = cachePath(uri);
    if (Files.isRegularFile(cached)) {
      return cached;
    }
    HttpRequest request = HttpRequest.newBuilder(uri).timeout(TIMEOUT).GET().build();
    try {
      Files.createDirectories(cacheDir);
      Path partial = Files.createTempFile(cacheDir, "download", ".part");
      try {
        HttpResponse<Path> response = http.send(request, HttpResponse.BodyHandlers.ofFile(partial));
        if (response.statusCode() != 200) {
          throw new AuditSourceException(url + ": HTTP " + response.statusCode());
        }
        Files.move(partial, cached, StandardCopyOption.ATOMIC_MOVE);
      } finally {
        Files.deleteIfExists(partial);
      }
    } catch (IOException e) {
      throw new AuditSourceException(url + ": cannot download: " + e, e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AuditSourceException(url + ": download interrupted", e);
    }
    return cached;
  }

  /** Named by a hash of the URL plus its last segment, as the input cache names its files. */
  Path cachePath(URI uri) {
    String url = uri.toString();
    String path = uri.getPath();
    String name =
        (path == null ? "" : path.substring(path.lastIndexOf('/') + 1))
            .replaceAll("[^A-Za-z0-9._-]", "_");
    String hash = new InputBytes(url, url.getBytes(StandardCharsets.UTF_8)).sha256();
    return cacheDir.resolve(hash.substring(0, 16) + "-" + name);
  }
}
