package dev.snoop.web.api;

import dev.snoop.coverage.CoverageReleases;
import dev.snoop.coverage.endpoint.Endpoint;
import dev.snoop.coverage.endpoint.EndpointFilter;
import dev.snoop.coverage.endpoint.EndpointStore;
import dev.snoop.db.release.Release;
import dev.snoop.web.HttpProblem;
import dev.snoop.web.Routes;
import io.javalin.http.Context;
import io.javalin.router.JavalinDefaultRouting;
import java.util.List;
import java.util.Set;
import org.jooq.DSLContext;

/** A release's endpoints: filtered lists (JSON or CSV), one endpoint in detail, and search. */
public final class EndpointsApi implements Routes {
  /** Search answers at most this many endpoints. */
  static final int SEARCH_LIMIT = 50;

  private final CoverageReleases releases;
  private final EndpointStore store;

  public EndpointsApi(DSLContext sql) {
    this.releases = new CoverageReleases(sql);
    this.store = new EndpointStore(sql);
  }

  @Override
  public void addTo(JavalinDefaultRouting router) {
    router.get("/api/releases/{release}/endpoints", this::endpoints);
    router.get("/api/releases/{release}/endpoints/{operationId}", this::endpoint);
    router.get("/api/search", this::search);
  }

  private void endpoints(Context ctx) {
    Release release = Params.release(ctx, releases);
    EndpointFilter filter =
        new EndpointFilter(
            Params.oneOf(ctx, "level", EndpointFilter.LEVELS),
            Params.text(ctx, "category"),
            Params.bool(ctx, "tested"),
            Params.bool(ctx, "conformance"),
            Params.bool(ctx, "eligible"));
    boolean csv = Params.oneOf(ctx, "format", Set.of("json", "csv")).orElse("json").equals("csv");
    List<Endpoint> endpoints = store.endpoints(release, filter);
    if (csv) {
      ctx.contentType("text/csv; charset=utf-8")
          .header("Content-Disposition", "attachment; filename=\"endpoints-" + release + ".csv\"")
          .result(EndpointCsv.of(endpoints));
    } else {
      ctx.json(endpoints);
    }
  }

  private void endpoint(Context ctx) {
    Release release = Params.release(ctx, releases);
    String operationId = ctx.pathParam("operationId");
    ctx.json(
        store
            .endpoint(release, operationId)
            .orElseThrow(
                () ->
                    HttpProblem.notFound(
                        "release " + release + " has no endpoint " + operationId)));
  }

  private void search(Context ctx) {
    String q = Params.required(ctx, "q");
    ctx.json(store.search(Params.release(ctx, releases), q, SEARCH_LIMIT));
  }
}
