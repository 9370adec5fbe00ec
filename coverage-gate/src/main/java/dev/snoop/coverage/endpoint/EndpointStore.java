package dev.snoop.coverage.endpoint;

import static dev.snoop.db.jooq.conformance.Tables.INELIGIBLE_ENDPOINT;
import static dev.snoop.db.jooq.conformance.Tables.PENDING_ELIGIBLE_ENDPOINT;
import static dev.snoop.db.jooq.public_.Tables.ENDPOINT_COVERAGE;
import static dev.snoop.db.jooq.public_.Tables.OPEN_API;
import static dev.snoop.db.jooq.snoop.Tables.CONFORMANCE_CODENAME;
import static dev.snoop.db.jooq.snoop.Tables.CURRENT_RUN;
import static dev.snoop.db.jooq.snoop.Tables.ELIGIBLE_OPERATION;
import static dev.snoop.db.jooq.snoop.Tables.ENDPOINT_HIT;
import static dev.snoop.db.jooq.snoop.Tables.INGEST_RUN;
import static org.jooq.impl.DSL.coalesce;
import static org.jooq.impl.DSL.exists;
import static org.jooq.impl.DSL.field;
import static org.jooq.impl.DSL.inline;
import static org.jooq.impl.DSL.noCondition;
import static org.jooq.impl.DSL.notExists;
import static org.jooq.impl.DSL.row;
import static org.jooq.impl.DSL.select;
import static org.jooq.impl.DSL.selectOne;
import static org.jooq.impl.DSL.sum;

import dev.snoop.coverage.CoverageReleases;
import dev.snoop.coverage.endpoint.EndpointDetail.RunHits;
import dev.snoop.coverage.endpoint.EndpointDetail.TestHits;
import dev.snoop.db.jooq.public_.tables.OpenApi;
import dev.snoop.db.release.Release;
import java.math.BigDecimal;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.jooq.Condition;
import org.jooq.DSLContext;
import org.jooq.Field;
import org.jooq.Record;

/** Reads a release's endpoints one by one from the coverage views (migrations: db/views). */
public final class EndpointStore {
  private final DSLContext sql;

  public EndpointStore(DSLContext sql) {
    this.sql = sql;
  }

  /** The release's endpoints the filter lets through, by operationId. */
  public List<Endpoint> endpoints(Release release, EndpointFilter filter) {
    var ec = ENDPOINT_COVERAGE;
    Condition condition =
        filter
            .level()
            .map(ec.LEVEL::eq)
            .orElse(noCondition())
            .and(filter.category().map(ec.CATEGORY::eq).orElse(noCondition()))
            .and(filter.tested().map(ec.TESTED::eq).orElse(noCondition()))
            .and(filter.conformance().map(ec.CONF_TESTED::eq).orElse(noCondition()));
    Field<Boolean> eligible = eligible();
    if (filter.eligible().isPresent()) {
      condition = condition.and(eligible.eq(filter.eligible().get()));
    }
    return query(release, condition);
  }

  /**
   * One endpoint with its tests and runs; empty when the release has no such (non-deprecated) one.
   */
  public Optional<EndpointDetail> endpoint(Release release, String operationId) {
    List<Endpoint> found = query(release, ENDPOINT_COVERAGE.ENDPOINT.eq(operationId));
    if (found.isEmpty()) {
      return Optional.empty();
    }
    return Optional.of(
        new EndpointDetail(found.get(0), tests(release, operationId), runs(release, operationId)));
  }

  /**
   * Endpoints whose operationId, path or kind contains the text (any case), best first: the
   * operationId itself, then operationIds starting with the text, then other operationIds, kinds
   * and paths containing it.
   */
  public List<Endpoint> search(Release release, String text, int limit) {
    var ec = ENDPOINT_COVERAGE;
    String q = text.strip().toLowerCase(Locale.ROOT);
    Condition matches =
        ec.ENDPOINT
            .containsIgnoreCase(q)
            .or(ec.PATH.containsIgnoreCase(q))
            .or(ec.KIND.containsIgnoreCase(q));
    return query(release, matches).stream()
        .sorted(
            Comparator.comparingInt((Endpoint e) -> rank(e, q)).thenComparing(Endpoint::endpoint))
        .limit(limit)
        .toList();
  }

  private static int rank(Endpoint e, String q) {
    String id = e.endpoint().toLowerCase(Locale.ROOT);
    if (id.equals(q)) {
      return 0;
    }
    if (id.startsWith(q)) {
      return 1;
    }
    if (id.contains(q)) {
      return 2;
    }
    return e.kind() != null && e.kind().toLowerCase(Locale.ROOT).contains(q) ? 3 : 4;
  }

  private List<Endpoint> query(Release release, Condition condition) {
    String r = release.toString();
    var ec = ENDPOINT_COVERAGE;
    OpenApi o = OPEN_API.as("o");
    OpenApi first = OPEN_API.as("first");
    OpenApi before = OPEN_API.as("before");
    Field<Boolean> pending =
        field(
            exists(
                selectOne()
                    .from(PENDING_ELIGIBLE_ENDPOINT)
                    .where(PENDING_ELIGIBLE_ENDPOINT.ENDPOINT.eq(ec.ENDPOINT))));
    Field<String> firstRelease =
        field(
            select(field("min({0}::semver)::text", String.class, first.RELEASE))
                .from(first)
                .where(first.ENDPOINT.eq(ec.ENDPOINT)));
    Optional<Release> previous = new CoverageReleases(sql).previous(release);
    Field<Boolean> isNew =
        previous.isEmpty()
            ? inline(true)
            : field(
                notExists(
                    selectOne()
                        .from(before)
                        .where(before.RELEASE.eq(previous.get().toString()))
                        .and(before.ENDPOINT.eq(ec.ENDPOINT))));
    return sql.select(
            ec.ENDPOINT,
            o.PATH,
            o.HTTP_METHOD,
            ec.LEVEL,
            ec.CATEGORY,
            ec.GROUP,
            ec.VERSION,
            ec.KIND,
            ec.ACTION,
            ec.DESCRIPTION,
            ec.TESTED,
            ec.CONF_TESTED,
            eligible(),
            INELIGIBLE_ENDPOINT.REASON,
            INELIGIBLE_ENDPOINT.LINK,
            pending,
            firstRelease,
            isNew)
        .from(ec)
        .join(o)
        .on(o.RELEASE.eq(ec.RELEASE).and(o.ENDPOINT.eq(ec.ENDPOINT)))
        .leftJoin(INELIGIBLE_ENDPOINT)
        .on(INELIGIBLE_ENDPOINT.ENDPOINT.eq(ec.ENDPOINT))
        .where(ec.RELEASE.eq(r))
        .and(condition)
        .orderBy(ec.ENDPOINT)
        .fetch(EndpointStore::endpoint);
  }

  /** snoop.eligible_operation's rule, for the endpoint_coverage row's own release. */
  private static Field<Boolean> eligible() {
    var ec = ENDPOINT_COVERAGE;
    return field(
        exists(
            selectOne()
                .from(ELIGIBLE_OPERATION)
                .where(ELIGIBLE_OPERATION.RELEASE.eq(ec.RELEASE))
                .and(ELIGIBLE_OPERATION.ENDPOINT.eq(ec.ENDPOINT))));
  }

  private static Endpoint endpoint(Record r) {
    return new Endpoint(
        r.get(0, String.class),
        r.get(1, String.class),
        r.get(2, String.class).toLowerCase(Locale.ROOT),
        r.get(3, String.class),
        r.get(4, String.class),
        r.get(5, String.class),
        r.get(6, String.class),
        r.get(7, String.class),
        r.get(8, String.class),
        r.get(9, String.class),
        r.get(10, Boolean.class),
        r.get(11, Boolean.class),
        r.get(12, Boolean.class),
        r.get(13, String.class),
        r.get(14, String.class),
        r.get(15, Boolean.class),
        r.get(16, String.class),
        r.get(17, Boolean.class));
  }

  /** The named tests of the release's current runs that hit the endpoint. */
  private List<TestHits> tests(Release release, String operationId) {
    var h = ENDPOINT_HIT;
    Field<Boolean> conformance =
        field(
            row(h.RELEASE, h.TEST)
                .in(
                    select(CONFORMANCE_CODENAME.RELEASE, CONFORMANCE_CODENAME.CODENAME)
                        .from(CONFORMANCE_CODENAME)));
    Field<BigDecimal> hits = sum(h.HITS);
    return sql.select(h.TEST, conformance, hits)
        .from(h)
        .where(h.RELEASE.eq(release.toString()))
        .and(h.ENDPOINT.eq(operationId))
        .and(h.RUN_ID.in(select(CURRENT_RUN.ID).from(CURRENT_RUN)))
        .and(h.TEST.isNotNull())
        .and(h.TEST.ne(""))
        .groupBy(h.TEST, h.RELEASE)
        .orderBy(h.TEST)
        .fetch(t -> new TestHits(t.value1(), t.value2(), t.value3().longValue()));
  }

  /** Every current run of the release, with its requests to the endpoint. */
  private List<RunHits> runs(Release release, String operationId) {
    var h = ENDPOINT_HIT;
    Field<BigDecimal> hits =
        coalesce(
            field(
                select(sum(h.HITS))
                    .from(h)
                    .where(h.RUN_ID.eq(CURRENT_RUN.ID))
                    .and(h.ENDPOINT.eq(operationId))),
            BigDecimal.ZERO);
    return sql.select(
            CURRENT_RUN.ID,
            CURRENT_RUN.SOURCE,
            CURRENT_RUN.JOB,
            CURRENT_RUN.BUILD_ID,
            INGEST_RUN.RUN_DATE,
            hits)
        .from(CURRENT_RUN)
        .join(INGEST_RUN)
        .on(INGEST_RUN.ID.eq(CURRENT_RUN.ID))
        .where(CURRENT_RUN.RELEASE.eq(release.toString()))
        .orderBy(CURRENT_RUN.ID)
        .fetch(
            x ->
                new RunHits(
                    x.value1(),
                    x.value2(),
                    x.value3(),
                    x.value4(),
                    x.value5() == null ? null : x.value5().toInstant().toString(),
                    x.value6().longValue()));
  }
}
