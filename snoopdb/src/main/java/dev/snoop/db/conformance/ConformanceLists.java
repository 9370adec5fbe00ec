package dev.snoop.db.conformance;

import static dev.snoop.db.jooq.conformance.Tables.RELEASE_TEST;

import dev.snoop.db.input.Input;
import dev.snoop.db.input.InputReader;
import dev.snoop.db.jooq.conformance.tables.records.ReleaseTestRecord;
import dev.snoop.db.load.LoadLog;
import dev.snoop.db.release.Release;
import dev.snoop.db.release.ReleaseCatalogue;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.jooq.DSLContext;

/** Each release's list of conformance tests, in {@code conformance.release_test}. */
public final class ConformanceLists {
  private static final Duration BRANCH_MAX_AGE = Duration.ofHours(1);

  private final DSLContext sql;
  private final InputReader reader;
  private final ReleaseCatalogue catalogue;

  public ConformanceLists(DSLContext sql, InputReader reader) {
    this.sql = sql;
    this.reader = reader;
    this.catalogue = new ReleaseCatalogue(sql, reader);
  }

  /** conformance.yaml on the release branch, or on master for the working release. */
  public Input upstream(Release release) {
    String ref = catalogue.require(release).working() ? "master" : release.branch();
    return Input.url(
        "https://raw.githubusercontent.com/kubernetes/kubernetes/"
            + ref
            + "/test/conformance/testdata/conformance.yaml",
        BRANCH_MAX_AGE);
  }

  /** Replaces the release's list with the input's; returns the tests loaded. */
  public List<ConformanceTest> load(Release release, Input input) {
    catalogue.require(release);
    InputReader.Parsed<List<ConformanceTest>> parsed =
        reader.read(input, ConformanceListParser::parse);
    List<ConformanceTest> tests = parsed.value();
    sql.transaction(
        tx -> {
          DSLContext t = tx.dsl();
          t.deleteFrom(RELEASE_TEST)
              .where(RELEASE_TEST.LIST_RELEASE.eq(release.toString()))
              .execute();
          t.batchInsert(tests.stream().map(test -> record(release, test)).toList()).execute();
          long required = tests.stream().filter(test -> test.isRequiredFor(release)).count();
          LoadLog.record(
              t,
              LoadLog.Kind.CONFORMANCE,
              release,
              parsed.bytes(),
              tests.size(),
              Map.of("required", required));
        });
    return tests;
  }

  /** The tests of a release's list, empty when none was loaded. */
  public List<ConformanceTest> tests(Release release) {
    return tests(sql, release);
  }

  /** The tests of a release's list, empty when none was loaded. */
  public static List<ConformanceTest> tests(DSLContext sql, Release release) {
    return sql.selectFrom(RELEASE_TEST)
        .where(RELEASE_TEST.LIST_RELEASE.eq(release.toString()))
        .orderBy(RELEASE_TEST.CODENAME)
        .fetch(ConformanceLists::test);
  }

  /** The tests a certification submission of {@code release} must pass (the bot's rule). */
  public List<ConformanceTest> required(Release release) {
    return tests(release).stream().filter(test -> test.isRequiredFor(release)).toList();
  }

  private static ReleaseTestRecord record(Release list, ConformanceTest test) {
    ReleaseTestRecord r = new ReleaseTestRecord();
    r.setListRelease(list.toString());
    r.setTestname(test.testname());
    r.setCodename(test.codename());
    r.setRelease(test.release().toString());
    r.setReleaseRaw(test.releaseRaw());
    r.setRequiredFrom(test.requiredFrom().toString());
    r.setDescription(test.description());
    r.setFile(test.file());
    return r;
  }

  private static ConformanceTest test(ReleaseTestRecord r) {
    return new ConformanceTest(
        r.getTestname(),
        r.getCodename(),
        Release.parse(r.getRelease()),
        r.getReleaseRaw(),
        Release.parse(r.getRequiredFrom()),
        r.getDescription(),
        r.getFile());
  }
}
