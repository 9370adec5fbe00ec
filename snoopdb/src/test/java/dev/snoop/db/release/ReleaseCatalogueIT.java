package dev.snoop.db.release;

import static dev.snoop.db.jooq.snoop.Tables.LOAD_LOG;
import static dev.snoop.db.jooq.snoop.Tables.RELEASE;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.snoop.db.Database;
import dev.snoop.db.input.Input;
import dev.snoop.db.input.InputException;
import dev.snoop.db.input.InputReader;
import dev.snoop.db.testing.MigratedDatabase;
import dev.snoop.db.testing.SharedData;
import dev.snoop.db.testing.TableContent;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.LocalDate;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.jooq.DSLContext;
import org.jooq.Record;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

@ExtendWith(MigratedDatabase.class)
class ReleaseCatalogueIT {
  private static final Pattern VERSION_LINE = Pattern.compile("(?m)^\\s*-?\\s*version: (\\S+)$");

  private final DSLContext sql;
  @TempDir Path tempDir;

  ReleaseCatalogueIT(Database database) {
    this.sql = database.dsl();
  }

  @BeforeEach
  void emptyCatalogue() {
    sql.truncate(RELEASE).cascade().execute();
    sql.truncate(LOAD_LOG).execute();
  }

  @Test
  void realReleasesYamlGivesTheWorkingReleaseAndDates() {
    Path file = releasesYaml();

    List<ReleaseCatalogue.Entry> entries = catalogue().load(Input.file(file));

    assertThat(entries).hasSize(versionsIn(file).size());
    assertThat(catalogue().working())
        .contains(new ReleaseCatalogue.Entry(Release.parse("1.37.0"), Optional.empty(), true));
    assertThat(catalogue().find(Release.parse("1.34.0")))
        .contains(
            new ReleaseCatalogue.Entry(
                Release.parse("1.34.0"), Optional.of(LocalDate.of(2025, 8, 27)), false));
    assertThat(sql.fetch("select release::text from snoop.release").getValues(0, String.class))
        .containsExactlyInAnyOrderElementsOf(versionsIn(file));
  }

  @Test
  void loadingAgainDoesNotDuplicateAndLogsEachLoad() throws IOException {
    Path file = releasesYaml();
    catalogue().load(Input.file(file));
    assertThat(sql.fetchCount(RELEASE)).isEqualTo(versionsIn(file).size());

    catalogue().load(Input.file(file));

    assertThat(sql.fetchCount(RELEASE)).isEqualTo(versionsIn(file).size());
    assertThat(sql.fetchCount(LOAD_LOG, LOAD_LOG.KIND.eq("releases"))).isEqualTo(2);
    Record last =
        sql.fetchOne(
            "select kind, release::text, source, checksum, row_count from snoop.load_log"
                + " order by id desc limit 1");
    assertThat(last.get("kind", String.class)).isEqualTo("releases");
    assertThat(last.get("release", String.class)).isNull();
    assertThat(last.get("source", String.class)).isEqualTo(file.toString());
    assertThat(last.get("checksum", String.class)).isEqualTo(sha256(file));
    assertThat(last.get("row_count", Integer.class)).isEqualTo(versionsIn(file).size());
  }

  @Test
  void publishedWorkingReleaseGetsItsDateWhenTheNextOneStarts() throws IOException {
    catalogue().load(Input.file(releasesYaml()));
    Path next =
        write(
            "releases.yaml",
            """
            - release_date: ""
              version: 1.38.0
            - release_date: "2026-08-26"
              version: 1.37.0
            - release_date: "2026-04-22"
              version: 1.36.0
            """);

    catalogue().load(Input.file(next));

    assertThat(catalogue().working().map(ReleaseCatalogue.Entry::release))
        .contains(Release.parse("1.38.0"));
    assertThat(catalogue().require(Release.parse("1.37.0")))
        .isEqualTo(
            new ReleaseCatalogue.Entry(
                Release.parse("1.37.0"), Optional.of(LocalDate.of(2026, 8, 26)), false));
    assertThat(sql.fetchCount(RELEASE, RELEASE.WORKING.isTrue())).isEqualTo(1);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("badReleasesYaml")
  void badInputIsRejectedWithItsNameAndProblemAndChangesNothing(
      String name, String content, List<String> problem) throws IOException {
    catalogue().load(Input.file(releasesYaml()));
    String releases = TableContent.of(sql, "snoop.release");
    String loadLog = TableContent.of(sql, "snoop.load_log");
    Path file = write("releases.yaml", content);

    assertThatThrownBy(() -> catalogue().load(Input.file(file)))
        .isInstanceOf(InputException.class)
        .hasMessageContaining(file.toString())
        .hasMessageContainingAll(problem.toArray(String[]::new));
    assertThat(TableContent.of(sql, "snoop.release")).isEqualTo(releases);
    assertThat(TableContent.of(sql, "snoop.load_log")).isEqualTo(loadLog);
  }

  static Stream<Arguments> badReleasesYaml() {
    return Stream.of(
        bad("empty", "", "is empty"),
        bad(
            "HTML page",
            "<!DOCTYPE html>\n<html><head><title>Page not found</title></head></html>\n",
            "HTML",
            "<!DOCTYPE html>"),
        bad("rate limit body", "429: Too Many Requests\n", "HTTP error", "429: Too Many Requests"),
        bad(
            "cut-off YAML",
            """
            - release_date: ""
              version: 1.37.0
            - release_date: "2026-04""",
            "not valid YAML",
            "end of stream",
            "truncated?"),
        bad(
            "cut-off JSON",
            """
            [{"release_date": "", "version": "1.37.0"}, {"release_date": "2026-04-22", "ver""",
            "not valid YAML",
            "end of stream",
            "truncated?"),
        bad(
            "entry without version",
            """
            - release_date: ""
              version: 1.37.0
            - release_date: "2026-04-22"
            """,
            "entry 2",
            "version is missing"),
        bad(
            "version 1.x",
            """
            - release_date: ""
              version: 1.37.0
            - release_date: "2026-04-22"
              version: 1.x
            """,
            "entry 2",
            "\"1.x\" is not a release"),
        bad(
            "oldest first",
            """
            - release_date: ""
              version: 1.37.0
            - release_date: "2025-12-17"
              version: 1.35.0
            - release_date: "2026-04-22"
              version: 1.36.0
            """,
            "entry 3",
            "1.36.0 follows 1.35.0",
            "newest release first"),
        bad(
            "second entry without date",
            """
            - release_date: ""
              version: 1.37.0
            - release_date: ""
              version: 1.36.0
            """,
            "entry 2",
            "1.36.0",
            "release_date is empty"),
        bad(
            "working release dropped",
            """
            - release_date: ""
              version: 1.38.0
            - release_date: "2026-04-22"
              version: 1.36.0
            """,
            "release 1.37.0 is the catalogue's working release",
            "release_date"));
  }

  @Test
  void requireNamesAReleaseMissingFromTheCatalogue() {
    catalogue().load(Input.file(releasesYaml()));

    assertThatThrownBy(() -> catalogue().require(Release.parse("9.9.0")))
        .isInstanceOf(InputException.class)
        .hasMessageContaining("release 9.9.0 is not in the release catalogue");
    assertThat(catalogue().require(Release.parse("1.34.0")).date())
        .contains(LocalDate.of(2025, 8, 27));
  }

  private ReleaseCatalogue catalogue() {
    return new ReleaseCatalogue(sql, new InputReader(tempDir.resolve("cache")));
  }

  private static Path releasesYaml() {
    return SharedData.path("apisnoop-coverage/releases.yaml");
  }

  /**
   * The versions releases.yaml lists, read with a plain pattern rather than the loader's parser.
   */
  private static List<String> versionsIn(Path file) {
    try {
      Matcher m = VERSION_LINE.matcher(Files.readString(file));
      return m.results().map(r -> r.group(1)).toList();
    } catch (IOException e) {
      throw new AssertionError(e);
    }
  }

  private static String sha256(Path file) throws IOException {
    try {
      return HexFormat.of()
          .formatHex(MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(file)));
    } catch (NoSuchAlgorithmException e) {
      throw new AssertionError(e);
    }
  }

  private Path write(String name, String content) throws IOException {
    return Files.writeString(tempDir.resolve(name), content);
  }

  private static Arguments bad(String name, String content, String... problem) {
    return Arguments.of(name, content, List.of(problem));
  }
}
