package dev.snoop.web;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;

/** Requests to a running server, the path sent as written (no normalisation). */
public final class TestClient {
  public static final ObjectMapper JSON = new ObjectMapper();

  private final HttpClient http = HttpClient.newHttpClient();
  private final WebServer server;

  public TestClient(WebServer server) {
    this.server = server;
  }

  public HttpResponse<byte[]> get(String path, String... headers) {
    HttpRequest.Builder request =
        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port() + path));
    if (headers.length > 0) {
      request.headers(headers);
    }
    try {
      return http.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  public static String text(HttpResponse<byte[]> response) {
    return new String(response.body(), StandardCharsets.UTF_8);
  }

  /** The body of a 200 response as JSON; fails naming the status and body otherwise. */
  public JsonNode json(String path) {
    HttpResponse<byte[]> response = get(path);
    if (response.statusCode() != 200) {
      throw new AssertionError(path + " answered " + response.statusCode() + ": " + text(response));
    }
    try {
      return JSON.readTree(response.body());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The {@code error} message of a JSON error response with this status. */
  public String error(String path, int status) {
    HttpResponse<byte[]> response = get(path);
    if (response.statusCode() != status) {
      throw new AssertionError(
          path + " answered " + response.statusCode() + ", not " + status + ": " + text(response));
    }
    try {
      return JSON.readTree(response.body()).get("error").asText();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
