package dev.snoop.web.apisnoop;

import dev.snoop.coverage.export.ApisnoopFiles;
import dev.snoop.web.CoverageCache;
import dev.snoop.web.HttpProblem;
import dev.snoop.web.Routes;
import io.javalin.http.Context;
import io.javalin.router.JavalinDefaultRouting;
import org.jooq.DSLContext;

/**
 * {@code GET /apisnoop/<file>}: APISnoop's coverage files, the same bytes {@code snoop export}
 * writes ({@link ApisnoopFiles}). A name is looked up among the files that can be made, never used
 * as a path.
 */
public final class ApisnoopRoutes implements Routes {
  private final ApisnoopFiles files;
  private final CoverageCache cache;

  public ApisnoopRoutes(DSLContext sql) {
    this.files = new ApisnoopFiles(sql);
    this.cache = new CoverageCache(sql);
  }

  @Override
  public void addTo(JavalinDefaultRouting router) {
    router.get("/apisnoop/{file}", this::file);
  }

  private void file(Context ctx) {
    String name = ctx.pathParam("file");
    String type = name.endsWith(".yaml") ? "application/yaml; charset=utf-8" : "application/json";
    if (!cache.send(ctx, name, type, () -> files.content(name))) {
      throw HttpProblem.notFound("no such APISnoop file: " + name);
    }
  }
}
