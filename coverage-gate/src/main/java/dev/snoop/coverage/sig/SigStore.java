package dev.snoop.coverage.sig;

import static dev.snoop.db.jooq.conformance.Tables.COVERAGE_BY_SIG;
import static org.jooq.impl.DSL.arrayAgg;
import static org.jooq.impl.DSL.cardinality;
import static org.jooq.impl.DSL.count;

import dev.snoop.db.release.Release;
import java.util.Arrays;
import java.util.List;
import org.jooq.DSLContext;

/** Coverage by SIG, read from conformance.coverage_by_sig. */
public final class SigStore {
  private final DSLContext sql;

  public SigStore(DSLContext sql) {
    this.sql = sql;
  }

  /** Each SIG with tests in the release's current runs, most endpoints first. */
  public List<SigCoverage> coverage(Release release) {
    var s = COVERAGE_BY_SIG;
    var only = s.SIGS.eq(1L);
    var endpoints = count();
    return sql.select(
            s.SIG,
            endpoints,
            count().filterWhere(only),
            count().filterWhere(cardinality(s.CONFORMANCE_TESTS).gt(0)),
            arrayAgg(s.ENDPOINT).orderBy(s.ENDPOINT).filterWhere(only))
        .from(s)
        .where(s.RELEASE.eq(release.toString()))
        .groupBy(s.SIG)
        .orderBy(endpoints.desc(), s.SIG)
        .fetch(
            r ->
                new SigCoverage(
                    r.value1(),
                    r.value2(),
                    r.value3(),
                    r.value4(),
                    r.value5() == null ? List.of() : Arrays.asList(r.value5())));
  }
}
