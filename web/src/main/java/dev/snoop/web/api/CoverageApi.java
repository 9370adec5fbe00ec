package dev.snoop.web.api;

import dev.snoop.coverage.CoverageJson;
import dev.snoop.coverage.CoverageReleases;
import dev.snoop.coverage.CoverageReport;
import dev.snoop.coverage.export.ApisnoopFiles;
import dev.snoop.coverage.gate.ConformanceGate;
import dev.snoop.coverage.gate.GateJson;
import dev.snoop.coverage.gate.GateRequest;
import dev.snoop.db.release.Release;
import dev.snoop.ingest.prow.ProwRequest;
import dev.snoop.web.CoverageCache;
import dev.snoop.web.Routes;
import io.javalin.http.ContentType;
import io.javalin.http.Context;
import io.javalin.router.JavalinDefaultRouting;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.jooq.DSLContext;

/**
 * A release's coverage ({@code snoop coverage --format json}), the conformance progress of every
 * release ({@code conformance-progress.json}) and the gate's report ({@code snoop gate --json}).
 */
public final class CoverageApi implements Routes {
  private static final String JSON = ContentType.APPLICATION_JSON.getMimeType();

  private final DSLContext sql;
  private final CoverageReleases releases;
  private final CoverageCache cache;

  public CoverageApi(DSLContext sql) {
    this.sql = sql;
    this.releases = new CoverageReleases(sql);
    this.cache = new CoverageCache(sql);
  }

  @Override
  public void addTo(JavalinDefaultRouting router) {
    router.get("/api/releases/{release}/coverage", this::coverage);
    router.get("/api/releases/{release}/gate", this::gate);
    router.get("/api/progress", this::progress);
  }

  /**
   * Kept under the release as written ({@code latest}, {@code 1.34}, ...), so a kept answer needs
   * no query; the release is resolved (404 or 400 when it cannot be) only to make one.
   */
  private void coverage(Context ctx) {
    cache.send(
        ctx,
        "coverage " + ctx.pathParam("release"),
        JSON,
        () -> {
          Release release = Params.release(ctx, releases);
          return Optional.of(
              CoverageJson.of(CoverageReport.read(sql, release)).getBytes(StandardCharsets.UTF_8));
        });
  }

  /** The gate with snoop gate's defaults: APISnoop's jobs expected, 48 hours of age allowed. */
  private void gate(Context ctx) {
    GateRequest request =
        new GateRequest(
            Optional.of(Params.release(ctx, releases)),
            List.of(),
            ProwRequest.apisnoopJobs(),
            GateRequest.DEFAULT_MAX_AGE,
            false,
            Instant.now());
    // Not kept: the report measures the sources' ages at the time asked.
    ctx.contentType(JSON).result(GateJson.of(new ConformanceGate(sql).evaluate(request)));
  }

  private void progress(Context ctx) {
    cache.send(
        ctx,
        ApisnoopFiles.PROGRESS,
        JSON,
        () -> new ApisnoopFiles(sql).content(ApisnoopFiles.PROGRESS));
  }
}
