package dev.snoop.web.live;

import static dev.snoop.db.jooq.public_.Tables.OPEN_API;
import static dev.snoop.db.jooq.testing.Tables.AUDIT_EVENT;
import static dev.snoop.db.jooq.testing.Tables.LIVE_ENDPOINT_HIT;
import static dev.snoop.db.jooq.testing.Tables.LIVE_PROJECTED_CHANGE;
import static org.jooq.impl.DSL.count;
import static org.jooq.impl.DSL.countDistinct;
import static org.jooq.impl.DSL.max;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import dev.snoop.db.release.Release;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Optional;
import org.jooq.DSLContext;
import org.jooq.impl.DSL;

/**
 * The live sink's events read back: the user agents seen, what one of them hit and how that would
 * change a release's coverage ({@code testing.live_endpoint_hit}, {@code
 * testing.live_projected_change}).
 */
public final class LiveStore {
  private final DSLContext sql;

  public LiveStore(DSLContext sql) {
    this.sql = sql;
  }

  /**
   * A user agent of the live events.
   *
   * @param useragent null for requests logged without one
   * @param endpoints distinct operations it hit (in any release's spec the sink mapped it with)
   * @param lastSeen when its newest request was stored (ISO 8601, UTC)
   */
  @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
  public record Agent(String useragent, long events, long endpoints, String lastSeen) {}

  /**
   * An operation the agent hit, with the release's coverage of it.
   *
   * @param addsCoverage no e2e test of the release's runs hits it: the agent's test adds it
   */
  @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
  public record Hit(
      String endpoint,
      String path,
      String level,
      String category,
      String kind,
      long hits,
      String lastSeen,
      boolean tested,
      boolean confTested,
      boolean addsCoverage) {}

  /** {@code testing.live_projected_change}'s row for one release and agent. */
  @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
  public record ProjectedChange(
      long totalEndpoints, long oldCoverage, long newCoverage, long changeInNumber) {}

  /** The live view of one agent in one release. */
  @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
  public record Live(
      String release, String useragent, List<Hit> endpoints, ProjectedChange projectedChange) {}

  /** Every user agent of the live events, the most recently seen first. */
  public List<Agent> agents() {
    var lastSeen = max(AUDIT_EVENT.INGESTED_AT);
    return sql.select(AUDIT_EVENT.USERAGENT, count(), countDistinct(AUDIT_EVENT.ENDPOINT), lastSeen)
        .from(AUDIT_EVENT)
        .groupBy(AUDIT_EVENT.USERAGENT)
        .orderBy(lastSeen.desc(), AUDIT_EVENT.USERAGENT)
        .fetch(r -> new Agent(r.value1(), r.value2(), r.value3(), iso(r.value4())));
  }

  /** Whether a spec is loaded for the release. */
  public boolean hasSpec(Release release) {
    return sql.fetchExists(OPEN_API, OPEN_API.RELEASE.eq(release.toString()));
  }

  /** What the agent hit of the release's operations; empty when the agent has no live events. */
  public Optional<Live> live(Release release, String useragent) {
    Optional<ProjectedChange> change =
        sql.select(
                LIVE_PROJECTED_CHANGE.TOTAL_ENDPOINTS,
                LIVE_PROJECTED_CHANGE.OLD_COVERAGE,
                LIVE_PROJECTED_CHANGE.NEW_COVERAGE,
                LIVE_PROJECTED_CHANGE.CHANGE_IN_NUMBER)
            .from(LIVE_PROJECTED_CHANGE)
            .where(LIVE_PROJECTED_CHANGE.RELEASE.eq(release.toString()))
            .and(LIVE_PROJECTED_CHANGE.USERAGENT.eq(useragent))
            .fetchOptional(
                r -> new ProjectedChange(r.value1(), r.value2(), r.value3(), r.value4()));
    if (change.isEmpty()) {
      return Optional.empty();
    }
    List<Hit> hits =
        sql.selectFrom(LIVE_ENDPOINT_HIT)
            .where(LIVE_ENDPOINT_HIT.RELEASE.eq(release.toString()))
            .and(LIVE_ENDPOINT_HIT.USERAGENT.eq(useragent))
            .orderBy(LIVE_ENDPOINT_HIT.TESTED, LIVE_ENDPOINT_HIT.ENDPOINT)
            .fetch(
                r ->
                    new Hit(
                        r.getEndpoint(),
                        r.getPath(),
                        r.getLevel(),
                        r.getCategory(),
                        r.getKind(),
                        r.getHits(),
                        iso(r.getLastSeen()),
                        r.getTested(),
                        r.getConfTested(),
                        !r.getTested()));
    return Optional.of(new Live(release.toString(), useragent, hits, change.get()));
  }

  /**
   * Deletes the live events, of one agent or of all.
   *
   * @return the events deleted
   */
  public int clear(Optional<String> useragent) {
    return sql.deleteFrom(AUDIT_EVENT)
        .where(useragent.map(AUDIT_EVENT.USERAGENT::eq).orElse(DSL.trueCondition()))
        .execute();
  }

  /** A time as ISO 8601 in UTC, e.g. 2017-09-11T19:55:05Z. */
  private static String iso(OffsetDateTime time) {
    return time == null ? null : time.toInstant().toString();
  }
}
