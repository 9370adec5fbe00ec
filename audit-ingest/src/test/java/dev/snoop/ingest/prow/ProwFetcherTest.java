package dev.snoop.ingest.prow;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.snoop.db.input.InvalidValueException;
import dev.snoop.db.release.Release;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ProwFetcherTest {
  private static final String KIND = "ci-kubernetes-audit-kind-conformance";
  private static final String GCI_GCE = "ci-kubernetes-e2e-gci-gce";
  private static final String GCE_CONFORMANCE = "ci-kubernetes-gce-conformance-latest";
  private static final String JOB_VERSION = "v1.26.0-alpha.0.275+41df8167dd82e7";
  private static final String REPO_COMMIT = "6c9fd12a13bd9d84b6e5f3a2c1d0e9f8a7b6c5d4";

  @TempDir Path bucketRoot;
  @TempDir Path cache;
  private BucketServer server;

  @BeforeEach
  void start() throws IOException {
    server = new BucketServer(bucketRoot);
  }

  @AfterEach
  void stop() {
    server.close();
  }

  private ProwFetcher fetcher() {
    return new ProwFetcher(new HttpProwBucket(server.url(), 1, Duration.ZERO), cache);
  }

  private Path cached(String job, String build, String relative) {
    return cache.resolve("prow").resolve(job).resolve(build).resolve(relative);
  }

  @Test
  void gciGceFindsTheCurrentAndRotatedLogsInTheMasterFolder() throws IOException {
    String build = "1512178471646793728";
    new BuildTree(server, GCI_GCE)
        .finished("1512223843727446016", "FAILURE", "v1.26.0-alpha.0.280+aaaaaaaaaaaaaa")
        .finished(build, "SUCCESS", JOB_VERSION)
        .file(build, "artifacts/bootstrap-e2e-master/kube-apiserver-audit.log", "{\"n\": 3}\n")
        .gzip(
            build,
            "artifacts/bootstrap-e2e-master/kube-apiserver-audit.log-20220407-1649311234.gz",
            "{\"n\": 1}\n")
        .file(build, "artifacts/bootstrap-e2e-master/kube-apiserver-audit.log.1", "{\"n\": 2}\n")
        .file(build, "artifacts/bootstrap-e2e-master/kube-apiserver.log", "not audit")
        .file(build, "artifacts/bootstrap-e2e-master/kube-apiserver-audit-policy.yaml", "no")
        .file(build, "artifacts/bootstrap-e2e-minion-group-x1/kube-apiserver-audit.log", "no")
        .file(build, "artifacts/junit_01.xml", "<testsuite/>");

    ProwAuditLogs fetched = fetcher().fetch(ProwRequest.latest(GCI_GCE));

    String master = "artifacts/bootstrap-e2e-master/";
    assertThat(fetched.files())
        .containsExactly(
            cached(GCI_GCE, build, master + "kube-apiserver-audit.log"),
            cached(GCI_GCE, build, master + "kube-apiserver-audit.log-20220407-1649311234.gz"),
            cached(GCI_GCE, build, master + "kube-apiserver-audit.log.1"));
    assertThat(gunzip(fetched.files().get(1))).isEqualTo("{\"n\": 1}\n");
    assertThat(Files.readString(fetched.files().get(0))).isEqualTo("{\"n\": 3}\n");
    assertThat(fetched.build())
        .isEqualTo(
            new ProwBuild(
                GCI_GCE,
                build,
                "https://prow.k8s.io/view/gcs/kubernetes-ci-logs/logs/" + GCI_GCE + "/" + build,
                Optional.of("1.26.0"),
                Optional.of("41df8167dd82e7"),
                Instant.ofEpochSecond(BuildTree.started(build)),
                Instant.ofEpochSecond(BuildTree.started(build) + 1800),
                "SUCCESS"));
    assertThat(fetched.build().release()).hasValue(new Release(1, 26, 0));
  }

  @Test
  void gceConformanceLatestFindsTheLogsUnderClusterLogs() {
    String build = "1511860265820360704";
    new BuildTree(server, GCE_CONFORMANCE)
        .finished(build, "SUCCESS", "v1.35.0-beta.0.12+0123456789abcd")
        .file(build, "artifacts/e2e-kt2-master/kube-apiserver-audit.log", "no: not this layout")
        .file(build, "artifacts/cluster-logs/kt2-0a1b-master/kube-apiserver-audit.log", "{}\n")
        .gzip(build, "artifacts/cluster-logs/kt2-0a1b-master/kube-apiserver-audit.log.1.gz", "{}\n")
        .file(build, "artifacts/cluster-logs/kt2-0a1b-minion-group-1/kubelet.log", "no");

    ProwAuditLogs fetched = fetcher().fetch(ProwRequest.latest(GCE_CONFORMANCE));

    String master = "artifacts/cluster-logs/kt2-0a1b-master/";
    assertThat(fetched.files())
        .containsExactly(
            cached(GCE_CONFORMANCE, build, master + "kube-apiserver-audit.log"),
            cached(GCE_CONFORMANCE, build, master + "kube-apiserver-audit.log.1.gz"));
    assertThat(fetched.build().kubernetesVersion()).hasValue("1.35.0");
    assertThat(fetched.build().commit()).hasValue("0123456789abcd");
  }

  /** The kind job, by its name since 2025-08 and by its old name. */
  @ParameterizedTest
  @ValueSource(strings = {KIND, "ci-audit-kind-conformance"})
  void theKindJobReadsArtifactsAuditAndKubernetesVersionTxt(String job) {
    String build = "1512133131484794880";
    new BuildTree(server, job)
        .file(build, "started.json", BuildTree.startedJson(1_700_000_000L, REPO_COMMIT))
        .file(build, "finished.json", BuildTree.finishedJson(1_700_007_000L, "SUCCESS", null))
        .file(build, "artifacts/audit/audit.log", "{}\n")
        .file(build, "artifacts/audit/audit-2022-04-07T21-22-19.123.log", "{}\n")
        .file(build, "artifacts/audit/policy.yaml", "no")
        .file(
            build,
            "artifacts/logs/kind-control-plane/kubernetes-version.txt",
            "v1.35.0-alpha.2.410+6c9fd12a13bd9d\n");

    ProwAuditLogs fetched = fetcher().fetch(ProwRequest.latest(job));

    assertThat(fetched.files())
        .containsExactly(
            cached(job, build, "artifacts/audit/audit-2022-04-07T21-22-19.123.log"),
            cached(job, build, "artifacts/audit/audit.log"));
    ProwBuild described = fetched.build();
    assertThat(described.kubernetesVersion()).hasValue("1.35.0");
    assertThat(described.commit()).hasValue(REPO_COMMIT);
    assertThat(described.started()).isEqualTo(Instant.ofEpochSecond(1_700_000_000L));
    assertThat(described.finished()).isEqualTo(Instant.ofEpochSecond(1_700_007_000L));
  }

  @Test
  void theKindJobWithoutAVersionFileHasNoVersion() {
    new BuildTree(server, KIND)
        .finished("5", "SUCCESS", JOB_VERSION)
        .file("5", "artifacts/audit/audit.log", "{}\n");

    ProwBuild described = fetcher().fetch(ProwRequest.latest(KIND)).build();

    assertThat(described.kubernetesVersion()).isEmpty();
    assertThat(described.commit()).hasValue("c0ffee5");
  }

  @Test
  void anUnknownJobIsSearchedInEveryLayout() {
    String job = "ci-my-own-audit-job";
    new BuildTree(server, job)
        .finished("9", "SUCCESS")
        .file("9", "artifacts/audit/audit.log", "{}\n")
        .file("9", "artifacts/logs/kind-control-plane/kubernetes-version.txt", "v1.34.2");

    ProwAuditLogs fetched = fetcher().fetch(ProwRequest.latest(job));

    assertThat(fetched.files()).containsExactly(cached(job, "9", "artifacts/audit/audit.log"));
    assertThat(fetched.build().kubernetesVersion()).hasValue("1.34.2");
  }

  @Test
  void noAuditLogsNamesTheBuildAndWhereItLooked() {
    String job = "ci-my-own-audit-job";
    new BuildTree(server, job).finished("9", "SUCCESS").file("9", "artifacts/junit.xml", "<x/>");

    assertThatThrownBy(() -> fetcher().fetch(ProwRequest.latest(job)))
        .isInstanceOf(AuditLogsNotFoundException.class)
        .hasMessageContaining("no audit logs in build 9 of " + job)
        .hasMessageContaining(server.url() + "/logs/" + job + "/9/")
        .hasMessageContaining(
            "artifacts/*master*/ (gce e2e layout), artifacts/cluster-logs/*master*/ (gce"
                + " conformance layout), artifacts/audit/ (kind layout)");
  }

  @Test
  void aKnownJobIsSearchedOnlyInItsOwnLayout() {
    new BuildTree(server, KIND)
        .finished("9", "SUCCESS")
        .file("9", "artifacts/bootstrap-e2e-master/kube-apiserver-audit.log", "{}\n");

    assertThatThrownBy(() -> fetcher().fetch(ProwRequest.latest(KIND)))
        .isInstanceOf(AuditLogsNotFoundException.class)
        .hasMessageContaining("looked in artifacts/audit/ (kind layout) for");
  }

  @Test
  void aBuildIsDownloadedOnce() {
    new BuildTree(server, KIND)
        .finished("2", "SUCCESS")
        .finished("1", "SUCCESS")
        .file("2", "artifacts/audit/audit.log", "{}\n")
        .file("2", "artifacts/audit/audit-2025-01-01T00-00-00.000.log", "{}\n");
    ProwAuditLogs first = fetcher().fetch(ProwRequest.latest(KIND));
    assertThat(server.objectRequests())
        .filteredOn(name -> name.contains("/artifacts/audit/"))
        .hasSize(2);
    server.clearRequests();

    ProwAuditLogs again = fetcher().fetch(ProwRequest.latest(KIND));
    assertThat(again).isEqualTo(first);
    assertThat(server.objectRequests()).isEmpty();
    assertThat(server.listingRequests()).containsExactly("logs/" + KIND + "/");
    server.clearRequests();

    assertThat(fetcher().fetch(ProwRequest.build(KIND, "2"))).isEqualTo(first);
    assertThat(server.objectRequests()).isEmpty();
    assertThat(server.listingRequests()).isEmpty();
  }

  @Test
  void aFailedDownloadKeepsTheFilesCompletedAndFetchesOnlyTheRestNextTime() throws IOException {
    BuildTree builds =
        new BuildTree(server, KIND)
            .finished("2", "SUCCESS")
            .file("2", "artifacts/audit/audit-2025-01-01T00-00-00.000.log", "{\"old\": 1}\n")
            .file("2", "artifacts/audit/audit.log", "{\"new\": 1}\n");
    String failing = builds.object("2", "artifacts/audit/audit.log");
    server.fail(failing, 403);

    assertThatThrownBy(
            () ->
                new ProwFetcher(new HttpProwBucket(server.url(), 1, Duration.ZERO), cache, 1)
                    .fetch(ProwRequest.build(KIND, "2")))
        .isInstanceOf(BucketReadException.class)
        .hasMessageStartingWith(server.url() + "/" + failing + ": HTTP 403");
    Path buildDir = cached(KIND, "2", "");
    assertThat(buildDir.resolve("artifacts/audit/audit-2025-01-01T00-00-00.000.log"))
        .hasContent("{\"old\": 1}");
    try (var files = Files.walk(buildDir)) {
      assertThat(files.map(p -> p.getFileName().toString()))
          .noneMatch(name -> name.endsWith(".part"))
          .doesNotContain("audit.log", CompletedDownload.FILE);
    }
    server.clearRequests();

    ProwAuditLogs fetched = fetcher().fetch(ProwRequest.build(KIND, "2"));

    assertThat(fetched.files()).hasSize(2);
    assertThat(fetched.files().get(1)).hasContent("{\"new\": 1}");
    assertThat(server.objectRequests())
        .filteredOn(name -> name.contains("/artifacts/audit/"))
        .containsExactly(failing);
  }

  @Test
  void aNamedBuildSkipsTheSearch() {
    new BuildTree(server, KIND)
        .finished("2", "SUCCESS")
        .finished("1", "SUCCESS")
        .file("1", "artifacts/audit/audit.log", "{}\n");

    ProwAuditLogs fetched = fetcher().fetch(ProwRequest.build(KIND, "1"));

    assertThat(fetched.build().buildId()).isEqualTo("1");
    assertThat(server.listingRequests()).doesNotContain("logs/" + KIND + "/");
    assertThat(server.objectRequests()).noneMatch(name -> name.contains("/2/"));
  }

  @Test
  void aNamedBuildThatFailedIsRefusedBeforeAnythingIsDownloaded() {
    new BuildTree(server, KIND)
        .finished("1", "FAILURE")
        .file("1", "artifacts/audit/audit.log", "{}\n");

    assertThatThrownBy(() -> fetcher().fetch(ProwRequest.build(KIND, "1")))
        .isInstanceOf(BuildNotSuccessfulException.class)
        .hasMessageContaining("build 1 of " + KIND + " ended FAILURE")
        .hasMessageContaining("unless unsuccessful builds are allowed");
    assertThat(server.objectRequests()).noneMatch(name -> name.contains("/artifacts/"));
    assertThat(server.listingRequests()).isEmpty();
  }

  @Test
  void aNamedBuildThatFailedIsTakenWhenAllowed() {
    new BuildTree(server, KIND)
        .finished("1", "FAILURE")
        .file("1", "artifacts/audit/audit.log", "{}\n");
    ProwRequest allowed = new ProwRequest(KIND, Optional.of("1"), ProwRequest.DEFAULT_WINDOW, true);

    ProwAuditLogs fetched = fetcher().fetch(allowed);

    assertThat(fetched.build().result()).isEqualTo("FAILURE");
    assertThat(fetched.build().succeeded()).isFalse();
    assertThat(fetched.files()).hasSize(1);
    assertThatThrownBy(() -> fetcher().fetch(ProwRequest.build(KIND, "1")))
        .as("once cached, it is still refused when not allowed")
        .isInstanceOf(BuildNotSuccessfulException.class);
  }

  @Test
  void aNamedBuildStillRunningIsRefused() {
    new BuildTree(server, KIND).running("3");
    ProwRequest allowed = new ProwRequest(KIND, Optional.of("3"), ProwRequest.DEFAULT_WINDOW, true);

    assertThatThrownBy(() -> fetcher().fetch(allowed))
        .isInstanceOf(BuildNotSuccessfulException.class)
        .hasMessageContaining("build 3 of " + KIND + " is still running");
  }

  @Test
  void aNamedBuildThatDoesNotExistIsNamed() {
    assertThatThrownBy(() -> fetcher().fetch(ProwRequest.build(KIND, "404")))
        .isInstanceOf(BuildMetadataException.class)
        .hasMessage(
            "no build 404 of "
                + KIND
                + ": neither started.json nor finished.json is at "
                + server.url()
                + "/logs/"
                + KIND
                + "/404/");
  }

  @Test
  void aBrokenStartedJsonIsNamed() {
    new BuildTree(server, KIND)
        .finished("1", "SUCCESS")
        .file("1", "started.json", "<html>oops</html>");

    assertThatThrownBy(() -> fetcher().fetch(ProwRequest.build(KIND, "1")))
        .isInstanceOf(BuildMetadataException.class)
        .hasMessageStartingWith(server.url() + "/logs/" + KIND + "/1/started.json: is an HTML");
  }

  @Test
  void requestsCheckTheirJobAndBuild() {
    assertThatThrownBy(() -> ProwRequest.latest("../etc"))
        .isInstanceOf(InvalidValueException.class)
        .hasMessageContaining("is not a Prow job name");
    assertThatThrownBy(() -> ProwRequest.build(KIND, "12a"))
        .isInstanceOf(InvalidValueException.class)
        .hasMessageContaining("is not a Prow build id");
    assertThatThrownBy(() -> new ProwRequest(KIND, Optional.empty(), 0, false))
        .isInstanceOf(IllegalArgumentException.class);
  }

  private static String gunzip(Path file) throws IOException {
    try (InputStream in = new GZIPInputStream(Files.newInputStream(file))) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
  }
}
