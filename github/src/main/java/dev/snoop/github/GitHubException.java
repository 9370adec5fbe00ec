package dev.snoop.github;

/**
 * A GitHub call that failed: an error answer (after retries where retrying helps), or no answer.
 * The message names the call and GitHub's own message.
 */
public final class GitHubException extends RuntimeException {
  private final int status;

  GitHubException(int status, String message) {
    super(message);
    this.status = status;
  }

  GitHubException(String message, Throwable cause) {
    super(message, cause);
    this.status = 0;
  }

  /** The HTTP status GitHub answered, 0 when there was no answer. */
  public int status() {
    return status;
  }

  /** The token is missing, wrong or expired (401). */
  public boolean badCredentials() {
    return status == 401;
  }
}
