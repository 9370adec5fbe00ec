package dev.snoop.web;

import dev.snoop.db.input.InputException;
import dev.snoop.db.release.UnknownReleaseException;
import dev.snoop.web.page.PageRoutes;
import io.javalin.Javalin;
import io.javalin.http.Context;
import io.javalin.http.HttpResponseException;
import io.javalin.http.staticfiles.Location;
import java.net.URI;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * snoop's one HTTP server: every area adds its {@link Routes}; this class holds what all of them
 * share: errors as JSON with no stack trace, security headers, CORS for APISnoop's web app (it runs
 * on another origin), gzip, body limits, and the static pages with D3 from its WebJar.
 */
public final class WebServer implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(WebServer.class);

  /** Scripts, styles and data come from this server only: no inline script, no other origin. */
  static final String CONTENT_SECURITY_POLICY =
      "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:;"
          + " connect-src 'self'; object-src 'none'; base-uri 'none'; frame-ancestors 'none';"
          + " form-action 'self'";

  private final Javalin app;

  private WebServer(Javalin app) {
    this.app = app;
  }

  /** Starts listening; every request is served by one of {@code routes}. */
  public static WebServer start(ServerOptions options, List<Routes> routes) {
    Javalin app =
        Javalin.create(
            cfg -> {
              cfg.showJavalinBanner = false;
              cfg.startupWatcherEnabled = false;
              cfg.http.maxRequestSize = options.maxBodyBytes();
              cfg.http.gzipOnlyCompression();
              cfg.staticFiles.enableWebjars();
              cfg.staticFiles.add("/public", Location.CLASSPATH);
              cfg.spaRoot.addHandler("/", PageRoutes::deepLink);
              cfg.bundledPlugins.enableCors(cors -> cors.addRule(rule -> rule.anyHost()));
              cfg.router.mount(
                  router -> {
                    router.before(WebServer::securityHeaders);
                    router.exception(HttpProblem.class, (e, ctx) -> error(ctx, e.status(), e));
                    router.exception(UnknownReleaseException.class, (e, ctx) -> error(ctx, 404, e));
                    router.exception(InputException.class, (e, ctx) -> error(ctx, 400, e));
                    router.exception(
                        HttpResponseException.class, (e, ctx) -> error(ctx, e.getStatus(), e));
                    router.exception(Exception.class, WebServer::internalError);
                    router.error(404, WebServer::notFound);
                    routes.forEach(r -> r.addTo(router));
                  });
            });
    app.start(options.host(), options.port());
    return new WebServer(app);
  }

  public int port() {
    return app.port();
  }

  /** The address to reach it by, e.g. http://127.0.0.1:8080/. */
  public URI uri() {
    String host = app.jettyServer().server().getURI().getHost();
    return URI.create("http://" + host + ":" + port() + "/");
  }

  @Override
  public void close() {
    app.stop();
  }

  private static void securityHeaders(Context ctx) {
    ctx.header("Content-Security-Policy", CONTENT_SECURITY_POLICY);
    ctx.header("X-Content-Type-Options", "nosniff");
    ctx.header("Referrer-Policy", "same-origin");
    ctx.header("X-Frame-Options", "DENY");
  }

  private static void error(Context ctx, int status, Exception e) {
    ctx.status(status).json(Map.of("error", String.valueOf(e.getMessage())));
  }

  private static void internalError(Exception e, Context ctx) {
    log.error("{} {} failed", ctx.method(), ctx.path(), e);
    ctx.status(500).json(Map.of("error", "internal error; the server's log has the details"));
  }

  /** An unknown path; a route that answered 404 itself keeps its own message. */
  private static void notFound(Context ctx) {
    if (ctx.resultInputStream() == null) {
      ctx.json(Map.of("error", "no such page or resource: " + ctx.path()));
    }
  }
}
