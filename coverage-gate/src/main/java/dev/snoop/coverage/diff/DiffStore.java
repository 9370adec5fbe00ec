package dev.snoop.coverage.diff;

import static dev.snoop.db.jooq.snoop.Tables.RUN_ENDPOINT_TEST;
import static dev.snoop.db.jooq.snoop.Tables.STORED_BUILD;

import dev.snoop.db.release.Release;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.jooq.DSLContext;
import org.jooq.Record4;

/**
 * What a diff reads: stored runs (snoop.stored_build) and their tests (snoop.run_endpoint_test).
 */
final class DiffStore {
  private static final Pattern RUN_ID = Pattern.compile("[0-9]{1,18}");

  private final DSLContext sql;

  DiffStore(DSLContext sql) {
    this.sql = sql;
  }

  /**
   * The run a side names: a run number or a Prow build id of the release, else the newest build of
   * the source or Prow job of that name (the run coverage counts).
   *
   * @throws NoSuchRunException when neither names a stored run of the release
   */
  StoredRun resolve(Release release, String side) {
    var b = STORED_BUILD;
    var select =
        sql.select(b.RUN_ID, b.RELEASE, b.SOURCE_NAME, b.BUILD_ID)
            .from(b)
            .where(b.RELEASE.eq(release.toString()));
    List<StoredRun> named =
        RUN_ID.matcher(side).matches()
            ? select
                .and(b.RUN_ID.eq(Long.parseLong(side)).or(b.BUILD_ID.eq(side)))
                .orderBy(b.RUN_ID)
                .fetch(DiffStore::run)
            : select
                .and(b.SOURCE_NAME.eq(side).or(b.SOURCE.eq(side)))
                .and(b.NEWEST.eq(1L))
                .fetch(DiffStore::run);
    if (named.size() > 1) {
      throw new NoSuchRunException(
          "\""
              + side
              + "\" names more than one stored run of "
              + release
              + ": "
              + named.stream().map(StoredRun::describe).collect(Collectors.joining(", ")));
    }
    return named.stream()
        .findFirst()
        .orElseThrow(
            () ->
                new NoSuchRunException(
                    "\""
                        + side
                        + "\" names no stored run of "
                        + release
                        + ": give a run number, a Prow build id, or a source or Prow job ingested"
                        + " for it (snoop sql \"select run_id, source_name, build_id from"
                        + " snoop.stored_build where release = '"
                        + release
                        + "'\")"));
  }

  /** Each test of the run per operation (e2e.test agents only). */
  List<TestHit> tests(StoredRun run) {
    var t = RUN_ENDPOINT_TEST;
    return sql.select(t.ENDPOINT, t.TEST, t.CONFORMANCE, t.SUCCESSFUL_HITS)
        .from(t)
        .where(t.RUN_ID.eq(run.id()))
        .orderBy(t.ENDPOINT, t.TEST)
        .fetch(r -> new TestHit(r.value1(), r.value2(), r.value3(), r.value4() > 0));
  }

  /**
   * A test's hits on an operation in one run; {@code test} is "" outside any test.
   *
   * @param succeeded whether one of its requests succeeded
   */
  record TestHit(String endpoint, String test, boolean conformance, boolean succeeded) {}

  private static StoredRun run(Record4<Long, String, String, String> r) {
    return new StoredRun(r.value1(), r.value2(), r.value3(), r.value4());
  }
}
