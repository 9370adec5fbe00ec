package dev.snoop.submissions.testlist;

import dev.snoop.db.conformance.ConformanceLists;
import dev.snoop.db.conformance.ConformanceTest;
import dev.snoop.db.input.InputReader;
import dev.snoop.db.release.Release;
import java.util.List;
import java.util.Optional;
import org.jooq.DSLContext;

/** The lists {@code snoop load conformance --release X.Y.0} stored in snoopdb. */
public final class DatabaseTestLists implements TestLists {
  private final ConformanceLists lists;

  public DatabaseTestLists(DSLContext sql, InputReader reader) {
    this.lists = new ConformanceLists(sql, reader);
  }

  @Override
  public Optional<RequiredTests> find(Release release) {
    List<ConformanceTest> tests = lists.tests(release);
    if (tests.isEmpty()) {
      return Optional.empty();
    }
    return Optional.of(
        RequiredTests.of(release, "snoopdb conformance.release_test " + release, tests));
  }
}
