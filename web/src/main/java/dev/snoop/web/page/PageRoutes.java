package dev.snoop.web.page;

import dev.snoop.web.HttpProblem;
import dev.snoop.web.Routes;
import io.javalin.http.Context;
import io.javalin.router.JavalinDefaultRouting;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.regex.Pattern;

/**
 * The page routes, APISnoop's where it has them. Each answers the same HTML shell (read once from
 * the class path, so no path a user gives reaches the file system); the shell's script reads the
 * path and builds the page from the JSON API.
 *
 * <ul>
 *   <li>{@code /} and {@code /{release}/{level}/{category}/{endpoint}} (each part optional, release
 *       {@code latest} accepted): the sunburst
 *   <li>{@code /endpoint/{release}/{operationId}}: one endpoint
 *   <li>{@code /conformance-progress}, {@code /conformance-progress/endpoints/{release}}, {@code
 *       /conformance-progress/ineligible-endpoints}, {@code
 *       /conformance-progress/pending-endpoints}
 *   <li>{@code /gate/{release}}, {@code /verifications}, {@code /live}
 *   <li>{@code /diff/{release}?base=SOURCE|RUN&head=SOURCE|RUN}: coverage gained and lost between
 *       two runs; {@code /sigs/{release}}: coverage by SIG
 * </ul>
 */
public final class PageRoutes implements Routes {
  private static final String SHELL = readShell();
  private static final Pattern RELEASE = Pattern.compile("latest|\\d+\\.\\d+(\\.\\d+)?");
  private static final List<String> LEVELS = List.of("alpha", "beta", "stable");
  private static final Pattern NAME = Pattern.compile("[A-Za-z0-9_.-]{1,200}");

  @Override
  public void addTo(JavalinDefaultRouting router) {
    router.get("/", PageRoutes::shell);
    router.get("/endpoint/{release}/{operationId}", PageRoutes::endpoint);
    router.get("/conformance-progress", PageRoutes::shell);
    router.get("/conformance-progress/endpoints", PageRoutes::shell);
    router.get("/conformance-progress/endpoints/{release}", PageRoutes::releasePage);
    router.get("/conformance-progress/ineligible-endpoints", PageRoutes::shell);
    router.get("/conformance-progress/pending-endpoints", PageRoutes::shell);
    router.get("/gate", PageRoutes::shell);
    router.get("/gate/{release}", PageRoutes::releasePage);
    router.get("/diff/{release}", PageRoutes::releasePage);
    router.get("/sigs/{release}", PageRoutes::releasePage);
    router.get("/verifications", PageRoutes::shell);
    router.get("/live", PageRoutes::shell);
  }

  /**
   * The sunburst's deep links. They cannot be routes: a route matching any first segment would hide
   * the static files, which are looked up only when no route matches. The server calls this for a
   * GET asking for HTML that no route and no file answered.
   */
  public static void deepLink(Context ctx) {
    String[] parts = ctx.path().replaceAll("^/+|/+$", "").split("/");
    boolean page =
        parts.length <= 4
            && RELEASE.matcher(parts[0]).matches()
            && (parts.length < 2 || LEVELS.contains(parts[1]))
            && (parts.length < 3 || NAME.matcher(parts[2]).matches())
            && (parts.length < 4 || NAME.matcher(parts[3]).matches());
    if (!page) {
      throw HttpProblem.notFound("no such page or resource: " + ctx.path());
    }
    shell(ctx);
  }

  private static void endpoint(Context ctx) {
    release(ctx.pathParam("release"));
    if (!NAME.matcher(ctx.pathParam("operationId")).matches()) {
      throw HttpProblem.notFound("no such endpoint: " + ctx.pathParam("operationId"));
    }
    shell(ctx);
  }

  private static void releasePage(Context ctx) {
    release(ctx.pathParam("release"));
    shell(ctx);
  }

  private static void release(String release) {
    if (!RELEASE.matcher(release).matches()) {
      throw HttpProblem.notFound("no such release: " + release);
    }
  }

  /** Answers the one HTML shell; its script builds the page for the path. */
  public static void shell(Context ctx) {
    ctx.contentType("text/html; charset=utf-8").result(SHELL);
  }

  private static String readShell() {
    try (InputStream in = PageRoutes.class.getResourceAsStream("/public/page.html")) {
      if (in == null) {
        throw new IllegalStateException(
            "the page shell /public/page.html is not on the class path");
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException("reading the page shell", e);
    }
  }
}
