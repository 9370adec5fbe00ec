package dev.snoop.coverage.build;

import static dev.snoop.db.jooq.snoop.Tables.RUN_ENDPOINT_TEST;
import static dev.snoop.db.jooq.snoop.Tables.STORED_BUILD;
import static org.jooq.impl.DSL.arrayAggDistinct;
import static org.jooq.impl.DSL.countDistinct;

import java.util.Arrays;
import java.util.List;
import org.jooq.DSLContext;

/** What stability reads: stored builds (snoop.stored_build) and their conformance hits. */
final class BuildStore {
  private final DSLContext sql;

  BuildStore(DSLContext sql) {
    this.sql = sql;
  }

  /** The set's builds, by source, newest first. */
  List<Build> builds(BuildSet set) {
    var b = STORED_BUILD;
    var where =
        b.RELEASE
            .eq(set.release().toString())
            .and(b.NEWEST.between((long) set.newestFrom(), (long) set.newestTo()));
    if (set.job().isPresent()) {
      where = where.and(b.SOURCE_NAME.eq(set.job().get()));
    }
    return sql.select(b.RUN_ID, b.SOURCE_NAME, b.BUILD_ID)
        .from(b)
        .where(where)
        .orderBy(b.SOURCE_NAME, b.NEWEST)
        .fetch(r -> new Build(r.value1(), r.value2(), r.value3()));
  }

  /**
   * Per operation, in how many of the builds a conformance test hit it. The runs are named by
   * number so that only their tables of snoop.endpoint_hit are read.
   */
  List<EndpointBuilds> conformanceHits(List<Build> builds) {
    if (builds.isEmpty()) {
      return List.of();
    }
    var t = RUN_ENDPOINT_TEST;
    return sql.select(t.ENDPOINT, countDistinct(t.RUN_ID), arrayAggDistinct(t.TEST))
        .from(t)
        .where(t.RUN_ID.in(builds.stream().map(Build::runId).toList()))
        .and(t.CONFORMANCE)
        .groupBy(t.ENDPOINT)
        .orderBy(t.ENDPOINT)
        .fetch(r -> new EndpointBuilds(r.value1(), r.value2(), Arrays.asList(r.value3())));
  }
}
