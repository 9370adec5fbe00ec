package dev.snoop.submissions;

import java.util.Optional;

/**
 * Finds the Content-Type a URL serves (the bot sends a HEAD request). Network checks are optional:
 * {@link #NONE} answers nothing, and the check then passes as the bot's does when HEAD fails.
 */
@FunctionalInterface
public interface UrlProbe {
  UrlProbe NONE = url -> Optional.empty();

  /** The Content-Type header, empty when the URL could not be reached. */
  Optional<String> contentType(String url);
}
