package dev.snoop.web.api;

import dev.snoop.coverage.CoverageReleases;
import dev.snoop.coverage.build.BuildSet;
import dev.snoop.coverage.build.CoverageStability;
import dev.snoop.coverage.build.StabilityJson;
import dev.snoop.coverage.diff.CoverageDiff;
import dev.snoop.coverage.diff.DiffJson;
import dev.snoop.coverage.diff.DiffMarkdown;
import dev.snoop.coverage.diff.DiffReport;
import dev.snoop.coverage.diff.NoSuchRunException;
import dev.snoop.coverage.sig.SigStore;
import dev.snoop.db.release.Release;
import dev.snoop.web.HttpProblem;
import dev.snoop.web.Routes;
import io.javalin.http.ContentType;
import io.javalin.http.Context;
import io.javalin.router.JavalinDefaultRouting;
import java.util.Map;
import java.util.Set;
import org.jooq.DSLContext;

/**
 * Coverage between runs and across builds: {@code snoop diff}, {@code snoop stability} and the
 * coverage by SIG of {@code snoop coverage}, as JSON (a diff also as a Markdown PR comment).
 */
public final class BuildsApi implements Routes {
  private static final String JSON = ContentType.APPLICATION_JSON.getMimeType();

  private final DSLContext sql;
  private final CoverageReleases releases;

  public BuildsApi(DSLContext sql) {
    this.sql = sql;
    this.releases = new CoverageReleases(sql);
  }

  @Override
  public void addTo(JavalinDefaultRouting router) {
    router.get("/api/releases/{release}/diff", this::diff);
    router.get("/api/releases/{release}/stability", this::stability);
    router.get("/api/releases/{release}/sigs", this::sigs);
  }

  /** ?base=SOURCE|RUN&head=SOURCE|RUN[&baseRelease=R][&format=json|markdown]. */
  private void diff(Context ctx) {
    Release head = Params.release(ctx, releases);
    Release base =
        Params.text(ctx, "baseRelease")
            .map(r -> Params.release("baseRelease", r, releases))
            .orElse(head);
    boolean markdown =
        Params.oneOf(ctx, "format", Set.of("json", "markdown")).orElse("json").equals("markdown");
    DiffReport report;
    try {
      report =
          new CoverageDiff(sql)
              .compare(base, Params.required(ctx, "base"), head, Params.required(ctx, "head"));
    } catch (NoSuchRunException e) {
      throw HttpProblem.notFound(e.getMessage());
    }
    if (markdown) {
      ctx.contentType("text/markdown; charset=utf-8").result(DiffMarkdown.of(report));
    } else {
      ctx.contentType(JSON).result(DiffJson.of(report));
    }
  }

  /** ?job=J: per endpoint, in how many stored builds a conformance test hit it. */
  private void stability(Context ctx) {
    Release release = Params.release(ctx, releases);
    ctx.contentType(JSON)
        .result(
            StabilityJson.of(
                new CoverageStability(sql)
                    .stability(BuildSet.all(release, Params.text(ctx, "job")))));
  }

  private void sigs(Context ctx) {
    Release release = Params.release(ctx, releases);
    ctx.json(Map.of("release", release.toString(), "sigs", new SigStore(sql).coverage(release)));
  }
}
