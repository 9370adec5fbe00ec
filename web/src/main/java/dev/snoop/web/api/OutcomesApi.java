package dev.snoop.web.api;

import dev.snoop.coverage.CoverageReleases;
import dev.snoop.coverage.outcome.OutcomeStore;
import dev.snoop.db.release.Release;
import dev.snoop.web.HttpProblem;
import dev.snoop.web.Routes;
import io.javalin.http.Context;
import io.javalin.router.JavalinDefaultRouting;
import java.util.Map;
import org.jooq.DSLContext;

/**
 * What the API server answered the tests and which query parameters they sent: the endpoints
 * conformance tests reach only with errors, and per endpoint the status classes per test and its
 * parameters used and never used.
 */
public final class OutcomesApi implements Routes {
  private final CoverageReleases releases;
  private final OutcomeStore store;
  private final DSLContext sql;

  public OutcomesApi(DSLContext sql) {
    this.sql = sql;
    this.releases = new CoverageReleases(sql);
    this.store = new OutcomeStore(sql);
  }

  @Override
  public void addTo(JavalinDefaultRouting router) {
    router.get("/api/releases/{release}/error-only", this::errorOnly);
    router.get("/api/releases/{release}/endpoints/{operationId}/outcomes", this::outcomes);
  }

  private void errorOnly(Context ctx) {
    Release release = Params.release(ctx, releases);
    ctx.json(Map.of("release", release.toString(), "endpoints", store.errorOnly(release)));
  }

  private void outcomes(Context ctx) {
    Release release = Params.release(ctx, releases);
    String operationId = ctx.pathParam("operationId");
    boolean known =
        sql.fetchExists(
            sql.selectOne()
                .from("public.open_api")
                .where("release = ? and endpoint = ?", release.toString(), operationId));
    if (!known) {
      throw HttpProblem.notFound("release " + release + " has no endpoint " + operationId);
    }
    ctx.json(
        Map.of(
            "release", release.toString(),
            "endpoint", operationId,
            "tests", store.testOutcomes(release, operationId),
            "parameters", store.parameters(release, operationId)));
  }
}
