package dev.snoop.db.release;

import static dev.snoop.db.jooq.snoop.Tables.RELEASE;

import com.fasterxml.jackson.databind.JsonNode;
import dev.snoop.db.input.Documents;
import dev.snoop.db.input.Input;
import dev.snoop.db.input.InputBytes;
import dev.snoop.db.input.InputException;
import dev.snoop.db.input.InputReader;
import dev.snoop.db.input.InvalidValueException;
import dev.snoop.db.jooq.snoop.tables.records.ReleaseRecord;
import dev.snoop.db.load.LoadLog;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jooq.DSLContext;
import org.jooq.impl.DSL;

/**
 * The release catalogue: which releases exist, when they were published, and which one is in
 * development. Loaded from APISnoop's releases.yaml (newest first; the first entry, with an empty
 * date, is the working release).
 */
public final class ReleaseCatalogue {
  /** APISnoop keeps the list up to date daily. */
  public static final String UPSTREAM =
      "https://raw.githubusercontent.com/kubernetes-sigs/apisnoop/main/resources/coverage/releases.yaml";

  /** APISnoop's releases.yaml, refreshed hourly: it changes when a release comes out. */
  public static Input upstream() {
    return Input.url(UPSTREAM, java.time.Duration.ofHours(1));
  }

  private static final String WHAT = "APISnoop's releases.yaml (a list of {version, release_date})";

  private final DSLContext sql;
  private final InputReader reader;

  /** For looking releases up; {@link #load} needs a reader. */
  public ReleaseCatalogue(DSLContext sql) {
    this(sql, null);
  }

  public ReleaseCatalogue(DSLContext sql, InputReader reader) {
    this.sql = sql;
    this.reader = reader;
  }

  /** One catalogue entry. */
  public record Entry(Release release, Optional<LocalDate> date, boolean working) {}

  /** Reads releases.yaml and replaces the catalogue's entries with it; returns the entries. */
  public List<Entry> load(Input input) {
    InputReader.Parsed<List<Entry>> parsed = reader.read(input, ReleaseCatalogue::parse);
    List<Entry> entries = parsed.value();
    sql.transaction(
        tx -> {
          DSLContext t = tx.dsl();
          // Dated entries first, so a working release that has since been published gets its
          // date and stops being the working one in a single row update: the table allows no
          // undated release that is not working, and at most one working release.
          for (Entry entry : entries) {
            if (!entry.working()) {
              upsert(t, entry);
            }
          }
          Optional<Entry> working = entries.stream().filter(Entry::working).findFirst();
          List<String> stale =
              t.select(RELEASE.RELEASE_)
                  .from(RELEASE)
                  .where(RELEASE.WORKING)
                  .and(
                      working
                          .map(w -> RELEASE.RELEASE_.ne(w.release().toString()))
                          .orElse(DSL.noCondition()))
                  .fetch(RELEASE.RELEASE_);
          if (!stale.isEmpty()) {
            throw new InputException(
                input.source()
                    + ": release "
                    + stale.get(0)
                    + " is the catalogue's working release, but this file does not list it with a"
                    + " release_date (is it older than the releases.yaml loaded before?)");
          }
          working.ifPresent(entry -> upsert(t, entry));
          LoadLog.record(t, LoadLog.Kind.RELEASES, null, parsed.bytes(), entries.size(), Map.of());
        });
    return entries;
  }

  private static void upsert(DSLContext t, Entry entry) {
    t.insertInto(RELEASE)
        .set(RELEASE.RELEASE_, entry.release().toString())
        .set(RELEASE.RELEASE_DATE, entry.date().orElse(null))
        .set(RELEASE.WORKING, entry.working())
        .onConflict(RELEASE.RELEASE_)
        .doUpdate()
        .set(RELEASE.RELEASE_DATE, entry.date().orElse(null))
        .set(RELEASE.WORKING, entry.working())
        .execute();
  }

  static List<Entry> parse(InputBytes input) {
    JsonNode root = Documents.yaml(input, WHAT);
    if (!root.isArray() || root.isEmpty()) {
      throw new InputException(
          input.source() + ": expected " + WHAT + " but found " + Documents.typeOf(root));
    }
    List<Entry> entries = new ArrayList<>();
    for (int i = 0; i < root.size(); i++) {
      JsonNode item = root.get(i);
      String where = input.source() + ": entry " + (i + 1);
      String version = item.path("version").asText("").strip();
      if (version.isEmpty()) {
        throw new InputException(where + ": version is missing or empty");
      }
      Release release;
      try {
        release = Release.parse(version);
      } catch (InvalidValueException e) {
        throw new InputException(where + ": version " + e.getMessage());
      }
      String date = item.path("release_date").asText("");
      boolean working = i == 0 && date.isEmpty();
      if (date.isEmpty() && !working) {
        throw new InputException(
            where
                + " ("
                + release
                + "): release_date is empty, but only the first entry may lack one");
      }
      Optional<LocalDate> parsedDate;
      try {
        parsedDate =
            date.isEmpty()
                ? Optional.empty()
                : Optional.of(LocalDate.parse(date.substring(0, Math.min(10, date.length()))));
      } catch (DateTimeParseException e) {
        throw new InputException(
            where + " (" + release + "): release_date \"" + date + "\" is not a date");
      }
      if (!entries.isEmpty() && entries.get(entries.size() - 1).release().compareTo(release) <= 0) {
        throw new InputException(
            where
                + ": "
                + release
                + " follows "
                + entries.get(entries.size() - 1).release()
                + ", but releases.yaml lists the newest release first");
      }
      entries.add(new Entry(release, parsedDate, working));
    }
    return entries;
  }

  /** The catalogue entry of a release, if the catalogue has it. */
  public Optional<Entry> find(Release release) {
    return sql.selectFrom(RELEASE)
        .where(RELEASE.RELEASE_.eq(release.toString()))
        .fetchOptional()
        .map(ReleaseCatalogue::entry);
  }

  /**
   * The catalogue entry of a release, or an error that says how to fix the catalogue.
   *
   * @throws UnknownReleaseException when the release is not in the catalogue
   */
  public Entry require(Release release) {
    return find(release)
        .orElseThrow(
            () ->
                new UnknownReleaseException(
                    "release "
                        + release
                        + " is not in the release catalogue"
                        + (isEmpty() ? " (the catalogue is empty)" : "")));
  }

  /** The release in development, if the catalogue names one. */
  public Optional<Entry> working() {
    return sql.selectFrom(RELEASE)
        .where(RELEASE.WORKING)
        .fetchOptional()
        .map(ReleaseCatalogue::entry);
  }

  public boolean isEmpty() {
    return !sql.fetchExists(RELEASE);
  }

  private static Entry entry(ReleaseRecord r) {
    return new Entry(
        Release.parse(r.getRelease()), Optional.ofNullable(r.getReleaseDate()), r.getWorking());
  }
}
