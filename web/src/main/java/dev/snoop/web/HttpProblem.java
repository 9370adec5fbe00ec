package dev.snoop.web;

/**
 * A request the server refuses, with the status and a message for the client: the server answers
 * {@code {"error": message}} with that status. Never carries a stack trace to the client.
 */
public final class HttpProblem extends RuntimeException {
  private final int status;

  public HttpProblem(int status, String message) {
    super(message);
    this.status = status;
  }

  public static HttpProblem notFound(String message) {
    return new HttpProblem(404, message);
  }

  /** A bad query or path parameter: the message names it. */
  public static HttpProblem badParameter(String name, String problem) {
    return new HttpProblem(400, "parameter " + name + ": " + problem);
  }

  public int status() {
    return status;
  }
}
