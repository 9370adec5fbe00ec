package dev.snoop.ingest.prow;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.snoop.db.input.InvalidValueException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class HttpProwBucketTest {
  @TempDir Path bucketRoot;
  @TempDir Path local;
  private BucketServer server;

  @BeforeEach
  void start() throws IOException {
    server = new BucketServer(bucketRoot);
  }

  @AfterEach
  void stop() {
    server.close();
  }

  private HttpProwBucket bucket() {
    return new HttpProwBucket(server.url(), 3, Duration.ZERO);
  }

  @Test
  void theListingUrlIsTheJsonApiOfTheBucketsOrigin() {
    HttpProwBucket gcs = new HttpProwBucket(HttpProwBucket.DEFAULT_URL);
    assertThat(gcs.name()).isEqualTo("kubernetes-ci-logs");
    assertThat(gcs.listingUrl())
        .isEqualTo("https://storage.googleapis.com/storage/v1/b/kubernetes-ci-logs/o");
    assertThat(gcs.url("logs/job/1/finished.json"))
        .isEqualTo("https://storage.googleapis.com/kubernetes-ci-logs/logs/job/1/finished.json");

    HttpProwBucket old = new HttpProwBucket("gs://kubernetes-jenkins/");
    assertThat(old.name()).isEqualTo("kubernetes-jenkins");
    assertThat(old.url("logs/x"))
        .isEqualTo("https://storage.googleapis.com/kubernetes-jenkins/logs/x");

    HttpProwBucket mirror = new HttpProwBucket("http://mirror:8080/gcs/my-bucket");
    assertThat(mirror.listingUrl()).isEqualTo("http://mirror:8080/gcs/storage/v1/b/my-bucket/o");
    assertThat(mirror.url("logs/a b+c/ü"))
        .isEqualTo("http://mirror:8080/gcs/my-bucket/logs/a%20b%2Bc/%C3%BC");
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "",
        "https://storage.googleapis.com",
        "https://storage.googleapis.com/",
        "ftp://host/bucket",
        "https://host/bucket?x=1",
        "kubernetes-ci-logs"
      })
  void aUrlThatNamesNoBucketIsRefused(String url) {
    assertThatThrownBy(() -> new HttpProwBucket(url))
        .isInstanceOf(InvalidValueException.class)
        .hasMessageContaining("is not a bucket URL");
  }

  @Test
  void listsSubFoldersAndObjectsAcrossPages() {
    server.pageSize(1);
    server.put("logs/job/1/started.json", "{}");
    server.put("logs/job/2/started.json", "{}");
    server.put("logs/job/latest-build.txt", "2");
    server.put("logs/other/1/started.json", "{}");

    ProwBucket.Listing listing = bucket().list("logs/job/");

    assertThat(listing.folders()).containsExactly("logs/job/1/", "logs/job/2/");
    assertThat(listing.objects()).containsExactly("logs/job/latest-build.txt");
    assertThat(server.listingRequests())
        .containsExactly("logs/job/", "logs/job/ #1", "logs/job/ #2");
  }

  @Test
  void anEmptyFolderListsNothing() {
    assertThat(bucket().list("logs/none/"))
        .isEqualTo(new ProwBucket.Listing(java.util.List.of(), java.util.List.of()));
  }

  @Test
  void readsAnObjectOrNothing() {
    server.put("logs/job/latest-build.txt", "42");

    assertThat(bucket().read("logs/job/latest-build.txt"))
        .hasValueSatisfying(b -> assertThat(new String(b, StandardCharsets.UTF_8)).isEqualTo("42"));
    assertThat(bucket().read("logs/job/missing.txt")).isEmpty();
  }

  @Test
  void anHttpErrorNamesTheUrlAndTheStatus() {
    server.put("logs/job/1/finished.json", "{}");
    server.fail("logs/job/1/finished.json", 403);

    assertThatThrownBy(() -> bucket().read("logs/job/1/finished.json"))
        .isInstanceOf(BucketReadException.class)
        .hasMessage(
            server.url() + "/logs/job/1/finished.json: HTTP 403 (<Error>status 403</Error>)");
    assertThat(server.objectRequests()).hasSize(1);
  }

  @Test
  void serverErrorsAreAskedAgain() {
    server.put("logs/job/1/finished.json", "{}");
    server.fail("logs/job/1/finished.json", 503, 500);

    assertThat(bucket().read("logs/job/1/finished.json")).isPresent();
    assertThat(server.objectRequests()).hasSize(3);
  }

  @Test
  void serverErrorsThatLastFailNamingTheUrlTheStatusAndTheTries() {
    server.fail("?logs/job/", 503, 503, 503);

    assertThatThrownBy(() -> bucket().list("logs/job/"))
        .isInstanceOf(BucketReadException.class)
        .hasMessageStartingWith(bucket().listingUrl() + "?prefix=logs%2Fjob%2F")
        .hasMessageContaining(": HTTP 503")
        .hasMessageEndingWith("(tried 3 times)");
  }

  @Test
  void anUnreachableBucketNamesTheUrl() {
    String url = server.url();
    server.close();

    assertThatThrownBy(() -> new HttpProwBucket(url, 1, Duration.ZERO).read("logs/x"))
        .isInstanceOf(BucketReadException.class)
        .hasMessageStartingWith(url + "/logs/x: cannot read: ");
  }

  @Test
  void downloadsIntoAFile() throws IOException {
    byte[] content = new byte[3_000_000];
    for (int i = 0; i < content.length; i++) {
      content[i] = (byte) (i * 31);
    }
    server.put("logs/job/1/artifacts/audit/audit.log", content);
    Path target = local.resolve("audit.log");

    bucket().download("logs/job/1/artifacts/audit/audit.log", target);

    assertThat(Files.readAllBytes(target)).isEqualTo(content);
  }

  @Test
  void downloadingAMissingObjectNamesIt() {
    assertThatThrownBy(() -> bucket().download("logs/job/1/gone.log", local.resolve("gone.log")))
        .isInstanceOf(BucketReadException.class)
        .hasMessageStartingWith(server.url() + "/logs/job/1/gone.log: HTTP 404");
  }
}
