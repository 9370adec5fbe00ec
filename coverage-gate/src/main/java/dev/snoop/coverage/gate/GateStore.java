package dev.snoop.coverage.gate;

import static dev.snoop.db.jooq.conformance.Tables.INELIGIBLE_ENDPOINT;
import static dev.snoop.db.jooq.conformance.Tables.RELEASE_ELIGIBLE_ENDPOINT;
import static dev.snoop.db.jooq.conformance.Tables.RELEASE_TEST;
import static dev.snoop.db.jooq.public_.Tables.OPEN_API;
import static dev.snoop.db.jooq.snoop.Tables.CURRENT_RUN;
import static dev.snoop.db.jooq.snoop.Tables.INGEST_RUN;
import static dev.snoop.db.jooq.snoop.Tables.RELEASE;
import static org.jooq.impl.DSL.cardinality;

import dev.snoop.coverage.gate.GateReport.GateEndpoint;
import dev.snoop.coverage.gate.GateReport.Regression;
import dev.snoop.coverage.gate.GateReport.Status;
import dev.snoop.db.jooq.conformance.tables.ReleaseEligibleEndpoint;
import dev.snoop.db.release.Release;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.jooq.DSLContext;

/**
 * What the gate reads from snoopdb (conformance.release_eligible_endpoint, the runs, the lists).
 */
final class GateStore {
  private final DSLContext sql;

  GateStore(DSLContext sql) {
    this.sql = sql;
  }

  /** A current run of a release, as stored. */
  record Run(
      String source,
      String job,
      String buildId,
      long events,
      long requests,
      long matched,
      Instant lastEvent,
      Instant finishedAt) {}

  Optional<Release> working() {
    return sql.select(RELEASE.RELEASE_)
        .from(RELEASE)
        .where(RELEASE.WORKING)
        .fetchOptional(RELEASE.RELEASE_)
        .map(Release::parse);
  }

  /** The level rule of the release's spec; empty when none is loaded. */
  Optional<String> levelRule(Release release) {
    List<String> rules =
        sql.selectDistinct(OPEN_API.LEVEL_RULE)
            .from(OPEN_API)
            .where(OPEN_API.RELEASE.eq(release.toString()))
            .orderBy(OPEN_API.LEVEL_RULE)
            .fetch(OPEN_API.LEVEL_RULE);
    return rules.isEmpty() ? Optional.empty() : Optional.of(String.join(",", rules));
  }

  /** The releases of the catalogue. */
  List<Release> catalogue() {
    return sql.select(RELEASE.RELEASE_).from(RELEASE).fetch(RELEASE.RELEASE_).stream()
        .map(Release::parse)
        .toList();
  }

  /** The releases whose spec is loaded. */
  List<Release> loadedSpecs() {
    return sql.selectDistinct(OPEN_API.RELEASE).from(OPEN_API).fetch(OPEN_API.RELEASE).stream()
        .map(Release::parse)
        .toList();
  }

  /** The releases with a conformance.yaml loaded. */
  List<Release> conformanceLists() {
    return sql
        .selectDistinct(RELEASE_TEST.LIST_RELEASE)
        .from(RELEASE_TEST)
        .fetch(RELEASE_TEST.LIST_RELEASE)
        .stream()
        .map(Release::parse)
        .toList();
  }

  boolean ineligibleListLoaded() {
    return sql.fetchExists(INELIGIBLE_ENDPOINT);
  }

  /** The release's current runs (of a Prow job only the newest build). */
  List<Run> runs(Release release) {
    return sql.select(
            CURRENT_RUN.SOURCE,
            CURRENT_RUN.JOB,
            CURRENT_RUN.BUILD_ID,
            CURRENT_RUN.EVENTS_READ,
            CURRENT_RUN.REQUESTS,
            CURRENT_RUN.MATCHED,
            INGEST_RUN.LAST_EVENT,
            INGEST_RUN.FINISHED_AT)
        .from(CURRENT_RUN)
        .join(INGEST_RUN)
        .on(INGEST_RUN.ID.eq(CURRENT_RUN.ID))
        .where(CURRENT_RUN.RELEASE.eq(release.toString()))
        .orderBy(CURRENT_RUN.JOB.nullsLast(), CURRENT_RUN.SOURCE)
        .fetch(
            r ->
                new Run(
                    r.value1(),
                    r.value2(),
                    r.value3(),
                    r.value4(),
                    r.value5(),
                    r.value6(),
                    instant(r.value7()),
                    instant(r.value8())));
  }

  /** Eligible operations of the release's spec that no earlier loaded spec has. */
  List<GateEndpoint> newEndpoints(Release release, boolean requireSuccess) {
    var e = RELEASE_ELIGIBLE_ENDPOINT;
    return sql.selectFrom(e)
        .where(e.RELEASE.eq(release.toString()))
        .and(e.FIRST_RELEASE.eq(release.toString()))
        .orderBy(e.ENDPOINT)
        .fetch(
            r -> {
              List<String> conformance = Arrays.asList(r.getConformanceTests());
              List<String> success = Arrays.asList(r.getConformanceSuccessTests());
              Status status =
                  !(requireSuccess ? success : conformance).isEmpty()
                      ? Status.TESTED
                      : r.getPending() ? Status.PENDING : Status.UNTESTED;
              return new GateEndpoint(
                  r.getEndpoint(),
                  r.getHttpMethod(),
                  r.getPath(),
                  r.getKind(),
                  r.getGroup(),
                  r.getVersion(),
                  status,
                  conformance,
                  Arrays.asList(r.getOtherTests()),
                  success);
            });
  }

  /**
   * Operations eligible in {@code release} that a conformance test hit in {@code previous}'s runs
   * and none hits in {@code release}'s.
   */
  List<Regression> regressions(Release release, Release previous) {
    ReleaseEligibleEndpoint now = RELEASE_ELIGIBLE_ENDPOINT.as("now");
    ReleaseEligibleEndpoint before = RELEASE_ELIGIBLE_ENDPOINT.as("before");
    return sql.select(
            now.ENDPOINT,
            now.HTTP_METHOD,
            now.PATH,
            now.KIND,
            now.GROUP,
            now.VERSION,
            before.CONFORMANCE_TESTS,
            now.OTHER_TESTS)
        .from(now)
        .join(before)
        .on(before.ENDPOINT.eq(now.ENDPOINT))
        .where(now.RELEASE.eq(release.toString()))
        .and(before.RELEASE.eq(previous.toString()))
        .and(cardinality(now.CONFORMANCE_TESTS).eq(0))
        .and(cardinality(before.CONFORMANCE_TESTS).gt(0))
        .orderBy(now.ENDPOINT)
        .fetch(
            r ->
                new Regression(
                    r.value1(),
                    r.value2(),
                    r.value3(),
                    r.value4(),
                    r.value5(),
                    r.value6(),
                    Arrays.asList(r.value7()),
                    Arrays.asList(r.value8())));
  }

  private static Instant instant(OffsetDateTime time) {
    return time == null ? null : time.toInstant();
  }
}
