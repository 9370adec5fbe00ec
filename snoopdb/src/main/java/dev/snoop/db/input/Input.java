package dev.snoop.db.input;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;

/** Where an input comes from: a local file or a URL. */
public sealed interface Input {
  /** How the input is named in messages and in the load log. */
  String source();

  static Input file(Path path) {
    return new LocalFile(path);
  }

  /** A URL whose content never changes (a release tag): fetched once, cached for good. */
  static Input url(String url) {
    return url(url, FOREVER);
  }

  /** A URL whose content changes (a branch): the cached copy is fetched again after maxAge. */
  static Input url(String url, Duration maxAge) {
    URI uri;
    try {
      uri = URI.create(url);
    } catch (IllegalArgumentException e) {
      throw new InvalidValueException(url + ": not a valid URL: " + e.getMessage(), e);
    }
    return new Remote(uri, maxAge);
  }

  Duration FOREVER = Duration.ofDays(365 * 100);

  /** A local file, read as it is. */
  record LocalFile(Path path) implements Input {
    @Override
    public String source() {
      return path.toString();
    }
  }

  /** An http(s) URL, fetched once and then read from the cache. */
  record Remote(URI uri, Duration maxAge) implements Input {
    public Remote {
      String scheme = uri.getScheme();
      if (!"http".equals(scheme) && !"https".equals(scheme) && !"file".equals(scheme)) {
        throw new InputException(uri + ": only http, https and file URLs can be read");
      }
    }

    @Override
    public String source() {
      return uri.toString();
    }
  }
}
