package dev.snoop.web.live;

import dev.snoop.db.release.Release;
import dev.snoop.web.ApiToken;
import dev.snoop.web.HttpProblem;
import dev.snoop.web.Routes;
import io.javalin.http.Context;
import io.javalin.router.JavalinDefaultRouting;
import java.util.Map;
import java.util.Optional;

/**
 * The live test-writing view's data: {@code GET /api/live/agents} (the user agents seen), {@code
 * GET /api/live?useragent=&release=} (what one agent hit, which of it the release's e2e runs do not
 * test yet, and the projected change in coverage), {@code DELETE /api/live[?useragent=]} (clears
 * the live events; needs the API token).
 */
public final class LiveApi implements Routes {
  private final LiveStore store;
  private final Release defaultRelease;
  private final ApiToken token;

  /**
   * @param defaultRelease the release when none is asked for: the one the sink maps events with
   */
  public LiveApi(LiveStore store, Release defaultRelease, ApiToken token) {
    this.store = store;
    this.defaultRelease = defaultRelease;
    this.token = token;
  }

  @Override
  public void addTo(JavalinDefaultRouting router) {
    router.get("/api/live/agents", ctx -> ctx.json(store.agents()));
    router.get("/api/live", this::live);
    router.delete("/api/live", this::clear);
  }

  private void live(Context ctx) {
    String useragent = ctx.queryParam("useragent");
    if (useragent == null || useragent.isBlank()) {
      throw HttpProblem.badParameter(
          "useragent", "required: the user agent of the test (GET /api/live/agents lists them)");
    }
    Release release = release(ctx.queryParam("release"));
    if (!store.hasSpec(release)) {
      throw HttpProblem.notFound("no spec is loaded for release " + release);
    }
    ctx.json(
        store
            .live(release, useragent)
            .orElseThrow(
                () ->
                    HttpProblem.notFound(
                        "no live events of user agent \""
                            + useragent
                            + "\" (GET /api/live/agents lists those seen)")));
  }

  private void clear(Context ctx) {
    token.require(ctx);
    Optional<String> useragent = Optional.ofNullable(ctx.queryParam("useragent"));
    ctx.json(Map.of("deleted", store.clear(useragent)));
  }

  private Release release(String text) {
    if (text == null || text.isBlank()) {
      return defaultRelease;
    }
    try {
      return Release.parse(text);
    } catch (RuntimeException e) {
      throw HttpProblem.badParameter("release", e.getMessage());
    }
  }
}
