package dev.snoop.web;

import java.util.Optional;

/**
 * How the server listens and what it allows.
 *
 * @param host the address to listen on, e.g. 127.0.0.1 or 0.0.0.0
 * @param port the port; 0 picks a free one
 * @param apiToken the token a request that changes state must bear; without one such requests are
 *     refused
 * @param maxBodyBytes the largest request body accepted
 */
public record ServerOptions(String host, int port, Optional<String> apiToken, long maxBodyBytes) {
  /** Audit webhook batches of a busy apiserver run to a few MB; GitHub caps payloads at 25 MB. */
  public static final long DEFAULT_MAX_BODY_BYTES = 32L * 1024 * 1024;

  public ServerOptions {
    if (port < 0 || port > 65535) {
      throw new IllegalArgumentException("port out of range: " + port);
    }
  }

  public static ServerOptions local(int port) {
    return new ServerOptions("127.0.0.1", port, Optional.empty(), DEFAULT_MAX_BODY_BYTES);
  }
}
