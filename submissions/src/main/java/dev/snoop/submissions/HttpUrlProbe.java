package dev.snoop.submissions;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Optional;

/** HEAD requests over HTTP(S), following redirects, 10 s each. */
public final class HttpUrlProbe implements UrlProbe {
  private final HttpClient http =
      HttpClient.newBuilder()
          .followRedirects(HttpClient.Redirect.NORMAL)
          .connectTimeout(Duration.ofSeconds(10))
          .build();

  @Override
  public Optional<String> contentType(String url) {
    try {
      HttpRequest request =
          HttpRequest.newBuilder(URI.create(url))
              .method("HEAD", HttpRequest.BodyPublishers.noBody())
              .timeout(Duration.ofSeconds(10))
              .build();
      return http.send(request, HttpResponse.BodyHandlers.discarding())
          .headers()
          .firstValue("Content-Type");
    } catch (IOException | IllegalArgumentException e) {
      return Optional.empty();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return Optional.empty();
    }
  }
}
