package dev.snoop.db.input;

import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.time.Instant;
import java.util.function.Function;

/**
 * Reads inputs: local files as they are; URLs through a cache directory, so each upstream file is
 * downloaded once. A cached copy that fails to parse is dropped, so the next run fetches it again.
 */
public final class InputReader {
  private static final Duration TIMEOUT = Duration.ofSeconds(60);

  private final Path cacheDir;
  private final HttpClient http;

  public InputReader(Path cacheDir) {
    this.cacheDir = cacheDir;
    this.http =
        HttpClient.newBuilder()
            .followRedirects(HttpClient.Redirect.NORMAL)
            .connectTimeout(Duration.ofSeconds(20))
            .build();
  }

  public Path cacheDir() {
    return cacheDir;
  }

  /** The default cache, {@code ~/.snoop/cache}. */
  public static Path defaultCacheDir() {
    return Path.of(System.getProperty("user.home"), ".snoop", "cache");
  }

  /**
   * Reads the input and parses it; a parse failure is reported with the input's name and, for a
   * URL, evicts the cached copy.
   */
  public <T> Parsed<T> read(Input input, Function<InputBytes, T> parser) {
    InputBytes bytes = read(input);
    try {
      return new Parsed<>(bytes, parser.apply(bytes));
    } catch (RuntimeException e) {
      if (input instanceof Input.Remote remote) {
        evict(remote);
      }
      throw e;
    }
  }

  /** An input's bytes and what they parsed to. */
  public record Parsed<T>(InputBytes bytes, T value) {}

  public InputBytes read(Input input) {
    if (input instanceof Input.LocalFile file) {
      return readFile(file.path(), input.source());
    }
    Input.Remote remote = (Input.Remote) input;
    if ("file".equals(remote.uri().getScheme())) {
      return readFile(Path.of(remote.uri()), input.source());
    }
    Path cached = cachePath(remote);
    if (!isFresh(cached, remote.maxAge())) {
      download(remote, cached);
    }
    return readFile(cached, input.source());
  }

  private static boolean isFresh(Path cached, Duration maxAge) {
    try {
      return Files.exists(cached)
          && Files.getLastModifiedTime(cached).toInstant().plus(maxAge).isAfter(Instant.now());
    } catch (IOException e) {
      return false;
    }
  }

  private static InputBytes readFile(Path path, String source) {
    try {
      return new InputBytes(source, Files.readAllBytes(path));
    } catch (NoSuchFileException e) {
      throw new InputException(source + ": no such file");
    } catch (IOException e) {
      throw new InputException(source + ": cannot read: " + e.getMessage(), e);
    }
  }

  private void download(Input.Remote remote, Path cached) {
    HttpRequest request = HttpRequest.newBuilder(remote.uri()).timeout(TIMEOUT).GET().build();
    try {
      Files.createDirectories(cached.getParent());
      Path partial = Files.createTempFile(cached.getParent(), "download", ".part");
      try {
        HttpResponse<Path> response = http.send(request, HttpResponse.BodyHandlers.ofFile(partial));
        if (response.statusCode() != 200) {
          String body = Files.readString(partial, StandardCharsets.UTF_8).strip();
          throw new InputException(
              remote.source()
                  + ": HTTP "
                  + response.statusCode()
                  + (body.isEmpty()
                      ? ""
                      : " (" + new InputBytes("", body.getBytes()).preview() + ")"));
        }
        Files.move(partial, cached, StandardCopyOption.ATOMIC_MOVE);
      } finally {
        Files.deleteIfExists(partial);
      }
    } catch (IOException e) {
      throw new InputException(remote.source() + ": cannot download: " + e, e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new InputException(remote.source() + ": download interrupted", e);
    }
  }

  private void evict(Input.Remote remote) {
    try {
      Files.deleteIfExists(cachePath(remote));
    } catch (IOException e) {
      // a stale cache entry is re-validated on the next read anyway
    }
  }

  /**
   * Cache file named by a hash of the URL plus its last segment, so a person can tell them apart.
   */
  Path cachePath(Input.Remote remote) {
    String url = remote.uri().toString();
    String name = url.substring(url.lastIndexOf('/') + 1).replaceAll("[^A-Za-z0-9._-]", "_");
    String hash = new InputBytes(url, url.getBytes(StandardCharsets.UTF_8)).sha256();
    return cacheDir.resolve(hash.substring(0, 16) + "-" + name);
  }
}
