package dev.snoop.db.conformance;

import static dev.snoop.db.jooq.conformance.Tables.INELIGIBLE_ENDPOINT;
import static dev.snoop.db.jooq.conformance.Tables.PENDING_ELIGIBLE_ENDPOINT;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import dev.snoop.db.Database;
import dev.snoop.db.input.Input;
import dev.snoop.db.input.InputException;
import dev.snoop.db.input.InputReader;
import dev.snoop.db.release.Release;
import dev.snoop.db.testing.MigratedDatabase;
import dev.snoop.db.testing.SharedData;
import dev.snoop.db.testing.TableContent;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.assertj.core.groups.Tuple;
import org.jooq.DSLContext;
import org.jooq.Record;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

@ExtendWith(MigratedDatabase.class)
class EndpointListsIT {
  private static final String INELIGIBLE_TABLE = "conformance.ineligible_endpoint";
  private static final String PENDING_TABLE = "conformance.pending_eligible_endpoint";

  /**
   * Three entries in the format of kubernetes' test/conformance/testdata/ineligible_endpoints.yaml.
   */
  private static final String INELIGIBLE_YAML =
      """
      # endpoints that cannot be conformance tested
      - endpoint: connectCoreV1DeleteNodeProxy
        reason: Unable to be tested, and likely soon deprecated
        link: https://github.com/kubernetes/kubernetes/issues/95930
      - endpoint: readCoreV1ComponentStatus
        reason: Deprecated
        link: https://github.com/kubernetes/kubernetes/pull/93570
      - endpoint: getServiceAccountIssuerOpenIDKeyset
        reason: Optional feature
        link: https://github.com/kubernetes/enhancements/issues/1393
      """;

  private static final String PENDING_YAML =
      """
      # eligible endpoints given a grace period
      - createCoreV1NamespacedPodBinding
      - replaceCoreV1NamespacedPodEphemeralcontainers
      """;

  private final DSLContext sql;
  @TempDir Path tempDir;

  EndpointListsIT(Database database) {
    this.sql = database.dsl();
  }

  @Test
  void apisnoopIneligibleJsonLoadsEveryEntry() {
    Path file = SharedData.path("apisnoop-coverage/ineligible_endpoints.json");

    List<IneligibleEndpoint> loaded = lists().loadIneligible(Input.file(file), null);

    assertThat(loaded).hasSize(101);
    assertThat(sql.fetchCount(INELIGIBLE_ENDPOINT)).isEqualTo(101);
    assertThat(
            sql.fetchOne(
                "select reason, link from conformance.ineligible_endpoint where endpoint = ?",
                "connectCoreV1DeleteNodeProxy"))
        .extracting(r -> r.get(0), r -> r.get(1))
        .containsExactly(
            "Unable to be tested, and likely soon deprecated",
            "https://github.com/kubernetes/kubernetes/issues/95930");
    assertLastLoad("ineligible", file, 101);
  }

  @Test
  void kubernetesIneligibleYamlLoads() throws IOException {
    Path file = write("ineligible_endpoints.yaml", INELIGIBLE_YAML);

    lists().loadIneligible(Input.file(file), Release.parse("1.36.0"));

    assertThat(ineligibleRows())
        .containsExactlyInAnyOrder(
            tuple(
                "connectCoreV1DeleteNodeProxy",
                "Unable to be tested, and likely soon deprecated",
                "https://github.com/kubernetes/kubernetes/issues/95930"),
            tuple(
                "readCoreV1ComponentStatus",
                "Deprecated",
                "https://github.com/kubernetes/kubernetes/pull/93570"),
            tuple(
                "getServiceAccountIssuerOpenIDKeyset",
                "Optional feature",
                "https://github.com/kubernetes/enhancements/issues/1393"));
    assertLastLoad("ineligible", file, 3);
  }

  @Test
  void pendingListOfOperationIdsLoads() throws IOException {
    Path file = write("pending_eligible_endpoints.yaml", PENDING_YAML);

    lists().loadPending(Input.file(file), null);

    assertThat(pendingRows())
        .containsExactlyInAnyOrder(
            "createCoreV1NamespacedPodBinding", "replaceCoreV1NamespacedPodEphemeralcontainers");
    assertLastLoad("pending", file, 2);
  }

  @Test
  void pendingFileWithOnlyACommentIsAnEmptyList() throws IOException {
    lists().loadPending(Input.file(write("pending.yaml", PENDING_YAML)), null);
    Path file = write("pending_eligible_endpoints.yaml", "# no pending endpoints\n");

    List<String> loaded = lists().loadPending(Input.file(file), null);

    assertThat(loaded).isEmpty();
    assertThat(pendingRows()).isEmpty();
    assertLastLoad("pending", file, 0);
  }

  @Test
  void reloadingReplacesTheWholeList() throws IOException {
    lists()
        .loadIneligible(
            Input.file(SharedData.path("apisnoop-coverage/ineligible_endpoints.json")), null);
    lists().loadPending(Input.file(write("pending-before.yaml", PENDING_YAML)), null);

    lists().loadIneligible(Input.file(write("ineligible.yaml", INELIGIBLE_YAML)), null);
    lists()
        .loadPending(
            Input.file(write("pending-after.yaml", "- createCoreV1NamespacedPod\n")), null);

    assertThat(sql.fetchValues(INELIGIBLE_ENDPOINT.ENDPOINT))
        .containsExactlyInAnyOrder(
            "connectCoreV1DeleteNodeProxy",
            "readCoreV1ComponentStatus",
            "getServiceAccountIssuerOpenIDKeyset");
    assertThat(pendingRows()).containsExactly("createCoreV1NamespacedPod");
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("badIneligibleLists")
  void badIneligibleListIsRejectedAndTheOldOneKept(String name, String content, String problem)
      throws IOException {
    lists().loadIneligible(Input.file(write("good.yaml", INELIGIBLE_YAML)), null);

    assertRejected(INELIGIBLE_TABLE, name, content, problem, lists()::loadIneligible);
  }

  static Stream<Arguments> badIneligibleLists() {
    return Stream.concat(
        notDocuments(),
        Stream.of(
            Arguments.of(
                "entry without endpoint",
                """
                - endpoint: readCoreV1ComponentStatus
                  reason: Deprecated
                - reason: an entry without its endpoint
                  link: https://github.com/kubernetes/kubernetes/issues/1
                """,
                "entry 2")));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("badPendingLists")
  void badPendingListIsRejectedAndTheOldOneKept(String name, String content, String problem)
      throws IOException {
    lists().loadPending(Input.file(write("good.yaml", PENDING_YAML)), null);

    assertRejected(PENDING_TABLE, name, content, problem, lists()::loadPending);
  }

  static Stream<Arguments> badPendingLists() {
    return Stream.concat(
        notDocuments(),
        Stream.of(
            Arguments.of(
                "entry not an operationId",
                """
                - createCoreV1Namespace
                - endpoint: readCoreV1Namespace
                """,
                "entry 2")));
  }

  /** Contents that are no list at all: what a failed download leaves behind. */
  private static Stream<Arguments> notDocuments() {
    return Stream.of(
        Arguments.of("empty", "", "is empty"),
        Arguments.of("HTML page", "<!DOCTYPE html>\n<html><body>Not Found</body></html>\n", "HTML"),
        Arguments.of("rate limit body", "429: Too Many Requests\n", "HTTP error"),
        Arguments.of(
            "error body of two lines",
            "503 Service Unavailable\nNo server is available to handle this request.\n",
            "HTTP error"));
  }

  private interface Loader {
    List<?> load(Input input, Release release);
  }

  private void assertRejected(
      String table, String name, String content, String problem, Loader loader) throws IOException {
    String before = TableContent.of(sql, table);
    String loadLog = TableContent.of(sql, "snoop.load_log");
    Path file = write("list.yaml", content);

    assertThatThrownBy(() -> loader.load(Input.file(file), null))
        .isInstanceOf(InputException.class)
        .hasMessageContainingAll(file.toString(), problem);
    assertThat(TableContent.of(sql, table)).isEqualTo(before).doesNotStartWith("0 rows");
    assertThat(TableContent.of(sql, "snoop.load_log")).isEqualTo(loadLog);
  }

  private void assertLastLoad(String kind, Path file, int rows) {
    Record last =
        sql.fetchOne("select kind, source, row_count from snoop.load_log order by id desc limit 1");
    assertThat(last.get("kind", String.class)).isEqualTo(kind);
    assertThat(last.get("source", String.class)).isEqualTo(file.toString());
    assertThat(last.get("row_count", Integer.class)).isEqualTo(rows);
  }

  private List<Tuple> ineligibleRows() {
    return sql.fetch("select endpoint, reason, link from conformance.ineligible_endpoint").stream()
        .map(r -> tuple(r.get(0), r.get(1), r.get(2)))
        .toList();
  }

  private List<String> pendingRows() {
    return sql.fetchValues(PENDING_ELIGIBLE_ENDPOINT.ENDPOINT);
  }

  private EndpointLists lists() {
    return new EndpointLists(sql, new InputReader(tempDir.resolve("cache")));
  }

  private Path write(String name, String content) throws IOException {
    return Files.writeString(tempDir.resolve(name), content);
  }
}
