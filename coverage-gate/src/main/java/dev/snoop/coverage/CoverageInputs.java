package dev.snoop.coverage;

import static dev.snoop.db.jooq.snoop.Tables.INGEST_RUN;
import static dev.snoop.db.jooq.snoop.Tables.LOAD_LOG;
import static org.jooq.impl.DSL.count;
import static org.jooq.impl.DSL.field;
import static org.jooq.impl.DSL.max;
import static org.jooq.impl.DSL.select;

import org.jooq.DSLContext;

/** What coverage is read from, seen as one value, so that what was read from it may be kept. */
public final class CoverageInputs {
  private final DSLContext sql;

  public CoverageInputs(DSLContext sql) {
    this.sql = sql;
  }

  /**
   * A value that changes whenever coverage, APISnoop's files or the release list may change: every
   * load (catalogue, spec, lists) is logged, and every ingest adds a run (replacing one removes the
   * old). One indexed query, so a server can ask on each request.
   */
  public String version() {
    var v =
        sql.select(
                field(select(max(LOAD_LOG.ID)).from(LOAD_LOG)),
                field(select(max(LOAD_LOG.LOADED_AT)).from(LOAD_LOG)),
                field(select(max(INGEST_RUN.ID)).from(INGEST_RUN)),
                field(select(count()).from(INGEST_RUN)))
            .fetchOne();
    return v.value1() + "/" + v.value2() + "/" + v.value3() + "/" + v.value4();
  }
}
