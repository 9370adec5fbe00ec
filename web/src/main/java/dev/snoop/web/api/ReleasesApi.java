package dev.snoop.web.api;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import dev.snoop.web.CoverageCache;
import dev.snoop.web.Routes;
import io.javalin.http.ContentType;
import io.javalin.http.Context;
import io.javalin.router.JavalinDefaultRouting;
import java.util.List;
import java.util.Optional;
import org.jooq.DSLContext;

/** {@code GET /api/releases}: the releases snoop knows, newest first, with what is loaded. */
public final class ReleasesApi implements Routes {
  private static final ObjectMapper JSON = new ObjectMapper();

  private final DSLContext sql;
  private final CoverageCache cache;

  public ReleasesApi(DSLContext sql) {
    this.sql = sql;
    this.cache = new CoverageCache(sql);
  }

  /**
   * One release.
   *
   * @param releaseDate its publication date (ISO), null for the working release
   * @param endpoints operations of its loaded spec (0 when none is loaded)
   * @param runs audit ingest runs stored for it
   */
  @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
  public record ReleaseInfo(
      String release, String releaseDate, boolean working, int endpoints, int runs) {}

  @Override
  public void addTo(JavalinDefaultRouting router) {
    router.get("/api/releases", this::releases);
  }

  /** Kept as coverage is: it changes only with a load or an ingest, and counts a spec's rows. */
  private void releases(Context ctx) {
    cache.send(
        ctx,
        "releases",
        ContentType.APPLICATION_JSON.getMimeType(),
        () -> {
          try {
            return Optional.of(JSON.writeValueAsBytes(releases()));
          } catch (JsonProcessingException e) {
            throw new IllegalStateException("writing the releases as JSON", e);
          }
        });
  }

  public List<ReleaseInfo> releases() {
    return sql.resultQuery(
            "select r.release::text, r.release_date::text, r.working,"
                + " (select count(*) from public.open_api o where o.release = r.release::text),"
                + " (select count(*) from snoop.ingest_run i where i.release = r.release)"
                + " from snoop.release r order by r.release desc")
        .fetch(
            r ->
                new ReleaseInfo(
                    r.get(0, String.class),
                    r.get(1, String.class),
                    r.get(2, Boolean.class),
                    r.get(3, Integer.class),
                    r.get(4, Integer.class)));
  }
}
