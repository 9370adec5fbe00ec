package dev.snoop.ingest.prow;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LatestSuccessfulBuildTest {
  private static final String JOB = "ci-kubernetes-audit-kind-conformance";

  @TempDir Path bucketRoot;
  @TempDir Path cache;
  private BucketServer server;
  private BuildTree builds;

  @BeforeEach
  void start() throws IOException {
    server = new BucketServer(bucketRoot);
    builds = new BuildTree(server, JOB);
  }

  @AfterEach
  void stop() {
    server.close();
  }

  private LatestSuccessfulBuild finder() {
    return new LatestSuccessfulBuild(new HttpProwBucket(server.url(), 1, Duration.ZERO), cache);
  }

  @Test
  void passesOverARunningBuildAndAFailedOneToTheThird() {
    builds
        .running("104")
        .finished("103", "FAILURE")
        .finished("102", "SUCCESS")
        .finished("101", "SUCCESS");

    assertThat(finder().find(JOB, 50)).isEqualTo("102");
    assertThat(server.objectRequests())
        .containsExactly(
            builds.object("104", "finished.json"),
            builds.object("103", "finished.json"),
            builds.object("102", "finished.json"));
  }

  @Test
  void theNewestSuccessfulBuildsPassOverTheOthersAndStopWhenEnoughAreFound() {
    builds
        .running("106")
        .finished("105", "SUCCESS")
        .finished("104", "FAILURE")
        .finished("103", "SUCCESS")
        .finished("102", "ABORTED")
        .finished("101", "SUCCESS")
        .finished("100", "SUCCESS");

    assertThat(finder().newest(JOB, 50, 3)).containsExactly("105", "103", "101");
    assertThat(server.objectRequests()).doesNotContain(builds.object("100", "finished.json"));
    // Fewer successful builds than asked: those there are.
    assertThat(finder().newest(JOB, 4, 3)).containsExactly("105", "103");
  }

  @Test
  void comparesBuildIdsAsNumbersNotAsText() {
    builds.finished("99", "SUCCESS").finished("999", "SUCCESS").finished("1000", "SUCCESS");

    assertThat(finder().buildIds(JOB)).containsExactly("1000", "999", "99");
    assertThat(finder().find(JOB, 50)).isEqualTo("1000");
  }

  @Test
  void readsPassedFromOlderFinishedJsonWithoutResult() {
    builds
        .file("2", "finished.json", "{\"timestamp\": 1500000000, \"passed\": false}")
        .file("1", "finished.json", "{\"timestamp\": 1400000000, \"passed\": true}");

    assertThat(finder().find(JOB, 50)).isEqualTo("1");
  }

  @Test
  void noSuccessInTheWindowNamesTheJobTheBucketAndWhatWasSeen() {
    builds
        .running("104")
        .finished("103", "FAILURE")
        .finished("102", "ABORTED")
        .finished("101", "SUCCESS");

    assertThatThrownBy(() -> finder().find(JOB, 3))
        .isInstanceOf(NoSuccessfulBuildException.class)
        .hasMessageContaining("no successful build of " + JOB)
        .hasMessageContaining(server.url() + "/logs/" + JOB + "/")
        .hasMessageContaining("the newest 3 of 4 builds")
        .hasMessageContaining("1 running, 1 FAILURE, 1 ABORTED")
        .hasMessageContaining("104 running, 103 FAILURE, 102 ABORTED");
    assertThat(server.objectRequests()).doesNotContain(builds.object("101", "finished.json"));
  }

  @Test
  void aJobWithNoBuildsAsksWhetherTheJobOrBucketIsWrong() {
    builds.finished("1", "SUCCESS");

    assertThatThrownBy(() -> finder().find("ci-no-such-job", 50))
        .isInstanceOf(NoSuccessfulBuildException.class)
        .hasMessageContaining("no builds of ci-no-such-job in " + server.url())
        .hasMessageContaining("is the job name or the bucket wrong?");
  }

  @Test
  void aLatestBuildTxtWithNoBuildsListedPointsAtTheListing() {
    server.put("logs/" + JOB + "/latest-build.txt", "1512178471646793728\n");

    assertThatThrownBy(() -> finder().find(JOB, 50))
        .isInstanceOf(NoSuccessfulBuildException.class)
        .hasMessageContaining("names build 1512178471646793728")
        .hasMessageContaining("GCS JSON listing");
  }

  @Test
  void foldersNotNamedByANumberAreNoBuilds() {
    String success = BuildTree.finishedJson(BuildTree.T0, "SUCCESS", null);
    builds
        .finished("7", "FAILURE")
        .file("latest", "finished.json", success)
        .file("8a", "finished.json", success);
    server.put("logs/" + JOB + "/latest-build.txt", "7");

    assertThat(finder().buildIds(JOB)).containsExactly("7");
    assertThatThrownBy(() -> finder().find(JOB, 50))
        .isInstanceOf(NoSuccessfulBuildException.class)
        .hasMessageContaining("7 FAILURE");
  }

  @Test
  void aBrokenFinishedJsonIsNamed() {
    builds.finished("1", "SUCCESS").file("2", "finished.json", "{\"timestamp\": 17600");

    assertThatThrownBy(() -> finder().find(JOB, 50))
        .isInstanceOf(BuildMetadataException.class)
        .hasMessageStartingWith(server.url() + "/" + builds.object("2", "finished.json"))
        .hasMessageContaining("truncated?");
  }

  @Test
  void aFinishedJsonWithoutTimestampIsNamed() {
    builds.file("2", "finished.json", "{\"result\": \"SUCCESS\"}");

    assertThatThrownBy(() -> finder().find(JOB, 50))
        .isInstanceOf(BuildMetadataException.class)
        .hasMessageContaining(builds.object("2", "finished.json"))
        .hasMessageContaining("\"timestamp\" should be the epoch seconds but is nothing");
  }

  @Test
  void findingAgainReadsOnlyTheFinishedJsonOfBuildsStillRunning() {
    builds.running("3").finished("2", "FAILURE").finished("1", "SUCCESS");
    finder().find(JOB, 50);
    server.clearRequests();

    assertThat(finder().find(JOB, 50)).isEqualTo("1");
    assertThat(server.objectRequests()).containsExactly(builds.object("3", "finished.json"));
  }

  @Test
  void readsEveryPageOfTheListing() {
    server.pageSize(2);
    builds
        .finished("1", "SUCCESS")
        .finished("2", "FAILURE")
        .finished("3", "FAILURE")
        .finished("4", "FAILURE")
        .finished("5", "SUCCESS");

    assertThat(finder().find(JOB, 50)).isEqualTo("5");
    String folder = "logs/" + JOB + "/";
    assertThat(server.listingRequests()).containsExactly(folder, folder + " #2", folder + " #4");
  }
}
