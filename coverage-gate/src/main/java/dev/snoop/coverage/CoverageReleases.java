package dev.snoop.coverage;

import static dev.snoop.db.jooq.public_.Tables.OPEN_API;
import static dev.snoop.db.jooq.snoop.Tables.INGEST_RUN;

import dev.snoop.db.input.InvalidValueException;
import dev.snoop.db.release.Release;
import dev.snoop.db.spec.NoSpecException;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.jooq.DSLContext;

/** The releases whose coverage can be read: those with a loaded spec, and which one is latest. */
public final class CoverageReleases {
  /** What a user writes for {@link #latest()}. */
  public static final String LATEST = "latest";

  private final DSLContext sql;

  public CoverageReleases(DSLContext sql) {
    this.sql = sql;
  }

  /** The releases with a loaded spec, oldest first. */
  public List<Release> withSpec() {
    return sql.selectDistinct(OPEN_API.RELEASE).from(OPEN_API).fetch(OPEN_API.RELEASE).stream()
        .map(Release::parse)
        .sorted()
        .toList();
  }

  /**
   * The release shown when none is named: the newest with a loaded spec and at least one audit run,
   * else the newest with a loaded spec; empty when no spec is loaded.
   */
  public Optional<Release> latest() {
    List<Release> specs = withSpec();
    Set<Release> withRuns =
        sql.selectDistinct(INGEST_RUN.RELEASE).from(INGEST_RUN).fetch(INGEST_RUN.RELEASE).stream()
            .map(Release::parse)
            .collect(Collectors.toSet());
    Optional<Release> newest = specs.stream().max(Comparator.naturalOrder());
    return specs.stream()
        .filter(withRuns::contains)
        .max(Comparator.naturalOrder())
        .or(() -> newest);
  }

  /**
   * The release a user names: {@code latest}, or {@code 1.34.0}, {@code v1.34}, {@code 1.34} (a
   * missing patch is 0).
   *
   * @throws InvalidValueException when the text is no release
   * @throws NoSpecException when no spec is loaded for it (for {@code latest}: for any release)
   */
  public Release resolve(String text) {
    if (text != null && LATEST.equals(text.strip().toLowerCase(Locale.ROOT))) {
      return latest().orElseThrow(NoSpecException::none);
    }
    Release release = Release.parse(text);
    if (!withSpec().contains(release)) {
      throw new NoSpecException(release);
    }
    return release;
  }

  /** The highest release with a loaded spec below this one: what "new in a release" compares to. */
  public Optional<Release> previous(Release release) {
    return withSpec().stream().filter(r -> r.compareTo(release) < 0).max(Comparator.naturalOrder());
  }
}
