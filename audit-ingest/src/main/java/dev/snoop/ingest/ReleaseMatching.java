package dev.snoop.ingest;

import static dev.snoop.db.jooq.public_.Tables.OPEN_API;

import dev.snoop.db.release.Release;
import dev.snoop.db.spec.NoSpecException;
import dev.snoop.ingest.attribution.TestAttribution;
import dev.snoop.ingest.matcher.EndpointMatcher;
import dev.snoop.ingest.matcher.HttpMethod;
import dev.snoop.ingest.matcher.Operation;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.jooq.DSLContext;

/**
 * What mapping a release's requests needs, read from snoopdb once: the matcher of the release's
 * loaded spec, plus a bounded cache of user agents' test attributions. Whether a test is a
 * conformance test is not decided here but in SQL (snoop.conformance_codename), when coverage is
 * read, so a conformance list loaded after the ingest counts too. Not thread-safe.
 */
final class ReleaseMatching {
  private static final int MAX_CACHED_AGENTS = 100_000;

  private final EndpointMatcher matcher;
  private final Map<String, TestAttribution> attributions = new HashMap<>();

  private ReleaseMatching(EndpointMatcher matcher) {
    this.matcher = matcher;
  }

  /** Fails with a {@link NoSpecException} when no spec is loaded for the release. */
  static ReleaseMatching load(DSLContext sql, Release release) {
    List<Operation> operations =
        sql.select(OPEN_API.PATH, OPEN_API.HTTP_METHOD, OPEN_API.ENDPOINT)
            .from(OPEN_API)
            .where(OPEN_API.RELEASE.eq(release.toString()))
            .fetch(r -> new Operation(r.value1(), HttpMethod.of(r.value2()), r.value3()));
    if (operations.isEmpty()) {
      throw new NoSpecException(release);
    }
    return new ReleaseMatching(EndpointMatcher.of(operations));
  }

  EndpointMatcher matcher() {
    return matcher;
  }

  /** Who made a request with this user agent; agents repeat, so each is worked out once. */
  TestAttribution attribution(String userAgent) {
    String key = userAgent == null ? "" : userAgent;
    TestAttribution known = attributions.get(key);
    if (known == null) {
      known = TestAttribution.of(userAgent);
      if (attributions.size() < MAX_CACHED_AGENTS) {
        attributions.put(key, known);
      }
    }
    return known;
  }
}
