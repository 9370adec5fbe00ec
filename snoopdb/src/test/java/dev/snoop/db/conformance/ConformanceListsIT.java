package dev.snoop.db.conformance;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.snoop.db.Database;
import dev.snoop.db.input.Input;
import dev.snoop.db.input.InputException;
import dev.snoop.db.input.InputReader;
import dev.snoop.db.release.Release;
import dev.snoop.db.release.ReleaseCatalogue;
import dev.snoop.db.testing.MigratedDatabase;
import dev.snoop.db.testing.SharedData;
import dev.snoop.db.testing.TableContent;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.jooq.DSLContext;
import org.jooq.Record;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The ten real conformance.yaml files (v1.27 to v1.36), each loaded as the list of release 1.N.0;
 * the expected counts are the files' entries, and those the certification bot requires (a test is
 * required when a value of its {@code release:} is at most the release: 417 of v1.33's 419).
 */
@ExtendWith(MigratedDatabase.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ConformanceListsIT {
  private static final int FIRST_MINOR = 27;
  private static final int LAST_MINOR = 36;

  private static final String INTRA_POD_HTTP =
      "[sig-network] Networking Granular Checks: Pods should function for intra-pod"
          + " communication: http [NodeConformance] [Conformance]";
  private static final String EPHEMERAL_CONTAINER =
      "[sig-node] Ephemeral Containers [NodeConformance] will start an ephemeral container in an"
          + " existing pod [Conformance]";

  private final DSLContext sql;
  @TempDir static Path tempDir;

  ConformanceListsIT(Database database) {
    this.sql = database.dsl();
  }

  @BeforeAll
  void loadCatalogueAndAllLists() {
    new ReleaseCatalogue(sql, reader())
        .load(Input.file(SharedData.path("apisnoop-coverage/releases.yaml")));
    for (int minor = FIRST_MINOR; minor <= LAST_MINOR; minor++) {
      lists().load(release(minor), Input.file(conformanceYaml(minor)));
    }
  }

  @ParameterizedTest(name = "v1.{0}: {1} tests, {2} required")
  @CsvSource({
    "27, 378, 378",
    "28, 380, 380",
    "29, 388, 388",
    "30, 402, 402",
    "31, 404, 404",
    "32, 411, 411",
    "33, 419, 417",
    "34, 424, 424",
    "35, 441, 441",
    "36, 446, 446",
  })
  void eachReleaseHasItsTestsAndRequiredTests(int minor, int tests, int required) {
    Release release = release(minor);

    assertThat(lists().tests(release)).hasSize(tests);
    assertThat(lists().required(release)).hasSize(required);
    Record log =
        sql.fetchOne(
            "select row_count, details->>'required' from snoop.load_log"
                + " where kind = 'conformance' and release = ?::semver order by id desc limit 1",
            release.toString());
    assertThat(log.get(0, Integer.class)).isEqualTo(tests);
    assertThat(log.get(1, Integer.class)).isEqualTo(required);
  }

  @Test
  void v133RequiresAllButTheTwoTestsThatSayV134() {
    Release v133 = release(33);
    List<ConformanceTest> required = lists().required(v133);
    List<ConformanceTest> notRequired =
        lists().tests(v133).stream().filter(t -> !required.contains(t)).toList();

    assertThat(notRequired)
        .hasSize(2)
        .allSatisfy(
            test -> {
              assertThat(test.releaseRaw()).isEqualTo("v1.34");
              assertThat(test.codename()).startsWith("[sig-network] ServiceCIDR and IPAddress API");
            });
  }

  @Test
  void releaseValuesAreNormalisedAsApisnoopDoes() {
    ConformanceTest listed = test(release(36), INTRA_POD_HTTP);
    assertThat(listed.releaseRaw()).isEqualTo("v1.9, v1.18");
    assertThat(listed.release()).isEqualTo(Release.parse("1.18.0"));
    assertThat(listed.requiredFrom()).isEqualTo(Release.parse("1.9.0"));

    ConformanceTest withoutV = test(release(36), EPHEMERAL_CONTAINER);
    assertThat(withoutV.releaseRaw()).isEqualTo("1.25");
    assertThat(withoutV.release()).isEqualTo(Release.parse("1.25.0"));
    assertThat(withoutV.requiredFrom()).isEqualTo(Release.parse("1.25.0"));

    assertThat(
            sql.fetchValue(
                "select release from conformance.test where codename = ?", INTRA_POD_HTTP))
        .isEqualTo("1.18.0");
  }

  @Test
  void viewShowsOnlyTheNewestLoadedList() {
    assertThat(count("select count(*) from conformance.test")).isEqualTo(446);
    assertThat(count("select count(distinct codename) from conformance.test")).isEqualTo(446);
    assertThat(count("select count(*) from conformance.release_test")).isGreaterThan(446);
  }

  @Test
  void loadingAReleaseAgainReplacesItsList() {
    Release release = Release.parse("1.26.0");
    lists().load(release, Input.file(conformanceYaml(28)));
    lists().load(release, Input.file(conformanceYaml(28)));
    assertThat(lists().tests(release)).hasSize(380);

    lists().load(release, Input.file(conformanceYaml(27)));

    assertThat(lists().tests(release))
        .hasSize(378)
        .map(ConformanceTest::codename)
        .containsExactlyInAnyOrderElementsOf(
            lists().tests(release(27)).stream().map(ConformanceTest::codename).toList());
    assertThat(lists().tests(release(28))).hasSize(380);
  }

  @Test
  void malformedReleaseValueNamesFileEntryAndValue() {
    Path file =
        SharedData.path(
            "verifier-fixtures/metadata/bad-version-in-conformance.yaml/v1.27/conformance.yaml");

    assertLoadFails(
        release(27),
        file,
        file.toString(),
        "[sig-storage] Subpath Atomic writer volumes should support subpaths with secret pod",
        "\"&&&\" is not a release");
  }

  @Test
  void unparsableFileIsRejected() {
    Path file =
        SharedData.path("verifier-fixtures/metadata/unable-to-parse/v1.123/conformance.yaml");

    assertLoadFails(
        release(27),
        file,
        file.toString(),
        "expected kubernetes' conformance.yaml",
        "but found the text \"<;\"");
  }

  @Test
  void emptyFileIsRejected() {
    Path file =
        SharedData.path("verifier-fixtures/metadata/version-of-test-higher/v1.34/conformance.yaml");

    assertLoadFails(release(34), file, file.toString(), "is empty");
  }

  @Test
  void rateLimitBodyIsRejected() throws IOException {
    Path file = Files.writeString(tempDir.resolve("conformance.yaml"), "429: Too Many Requests\n");

    assertLoadFails(release(34), file, file.toString(), "HTTP error", "429: Too Many Requests");
  }

  @Test
  void releaseMissingFromTheCatalogueIsRejected() {
    assertLoadFails(
        Release.parse("1.123.0"),
        conformanceYaml(36),
        "release 1.123.0 is not in the release catalogue");
  }

  /** Loading fails with an InputException saying all of {@code message}, and writes nothing. */
  private void assertLoadFails(Release release, Path file, String... message) {
    String tests = TableContent.of(sql, "conformance.release_test");
    String loadLog = TableContent.of(sql, "snoop.load_log");

    assertThatThrownBy(() -> lists().load(release, Input.file(file)))
        .isInstanceOf(InputException.class)
        .hasMessageContainingAll(message);
    assertThat(TableContent.of(sql, "conformance.release_test")).isEqualTo(tests);
    assertThat(TableContent.of(sql, "snoop.load_log")).isEqualTo(loadLog);
  }

  private int count(String query) {
    return sql.fetchOne(query).get(0, Integer.class);
  }

  private ConformanceTest test(Release release, String codename) {
    return lists().tests(release).stream()
        .filter(t -> t.codename().equals(codename))
        .findFirst()
        .orElseThrow(() -> new AssertionError(release + " does not list " + codename));
  }

  private ConformanceLists lists() {
    return new ConformanceLists(sql, reader());
  }

  private InputReader reader() {
    return new InputReader(tempDir.resolve("cache"));
  }

  private static Release release(int minor) {
    return new Release(1, minor, 0);
  }

  private static Path conformanceYaml(int minor) {
    return SharedData.path("conformance-yaml/v1." + minor + ".yaml");
  }
}
