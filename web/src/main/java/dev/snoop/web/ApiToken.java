package dev.snoop.web;

import io.javalin.http.Context;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Optional;

/**
 * The token that requests changing state must bear as {@code Authorization: Bearer <token>}.
 * Read-only pages and API need none.
 */
public final class ApiToken {
  private final Optional<byte[]> token;

  public ApiToken(Optional<String> token) {
    this.token = token.map(t -> t.getBytes(StandardCharsets.UTF_8));
  }

  /** Refuses the request (401, or 403 when the server has no token) unless it bears the token. */
  public void require(Context ctx) {
    if (token.isEmpty()) {
      throw new HttpProblem(
          403, "this server takes no changes: it was started without an API token");
    }
    String header = ctx.header("Authorization");
    String given = header != null && header.startsWith("Bearer ") ? header.substring(7).trim() : "";
    if (!MessageDigest.isEqual(token.get(), given.getBytes(StandardCharsets.UTF_8))) {
      ctx.header("WWW-Authenticate", "Bearer");
      throw new HttpProblem(
          401, "this request needs the API token (Authorization: Bearer <token>)");
    }
  }
}
