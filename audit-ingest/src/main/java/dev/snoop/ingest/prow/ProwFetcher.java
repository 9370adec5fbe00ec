package dev.snoop.ingest.prow;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Fetches a Prow build's audit logs: picks the build (the one named, or the job's latest successful
 * one), reads its started.json and finished.json, finds its audit logs by the job's layout, reads
 * the tested version, and downloads the logs once into {@code <cache>/prow/<job>/<build>/}.
 *
 * <p>A named build that is still running is refused (its logs are uploaded when it ends); one that
 * failed or was aborted is refused unless {@link ProwRequest#allowUnsuccessful()}, and then logged
 * as a warning, since its audit logs may stop part-way.
 */
public final class ProwFetcher {
  /** Parallel downloads: a few streams fill the line without hammering the bucket. */
  public static final int DEFAULT_DOWNLOAD_THREADS = 3;

  private static final Logger log = LoggerFactory.getLogger(ProwFetcher.class);

  private final ProwBucket bucket;
  private final Path prowCache;
  private final int downloadThreads;

  /**
   * @param cacheDir snoop's cache directory; builds go under its {@code prow/} folder
   */
  public ProwFetcher(ProwBucket bucket, Path cacheDir) {
    this(bucket, cacheDir, DEFAULT_DOWNLOAD_THREADS);
  }

  public ProwFetcher(ProwBucket bucket, Path cacheDir, int downloadThreads) {
    if (downloadThreads < 1) {
      throw new IllegalArgumentException("at least one download thread");
    }
    this.bucket = bucket;
    this.prowCache = cacheDir.resolve("prow");
    this.downloadThreads = downloadThreads;
  }

  /**
   * @throws NoSuccessfulBuildException when no build was named and none in the window succeeded
   * @throws BuildNotSuccessfulException when the named build is running, or did not succeed and
   *     that is not allowed
   * @throws BuildMetadataException when started.json or finished.json is missing or broken
   * @throws AuditLogsNotFoundException when the build has no audit logs where its layout keeps them
   * @throws BucketReadException when the bucket cannot be read
   */
  public ProwAuditLogs fetch(ProwRequest request) {
    String job = request.job();
    String buildId =
        request
            .build()
            .orElseGet(
                () -> new LatestSuccessfulBuild(bucket, prowCache).find(job, request.window()));
    BuildFiles build = new BuildFiles(bucket, prowCache, job, buildId);
    var completed = CompletedDownload.read(build);
    if (completed.isPresent()) {
      ProwBuild cached = completed.get().build();
      requireAccepted(cached.job(), cached.buildId(), cached.result(), cached.url(), request);
      log.info("{} build {}: audit logs already in {}", job, buildId, build.dir());
      return completed.get();
    }
    String url = ProwBuild.viewUrl(bucket.name(), job, buildId);
    BuildMetadata.Finished finished = finished(build);
    requireAccepted(job, buildId, finished.result(), url, request);
    BuildMetadata.Started started =
        build
            .read("started.json", BuildMetadata::started)
            .orElseThrow(() -> new BuildMetadataException(build.url("started.json") + ": missing"));
    AuditLogFinder.Found found = AuditLogFinder.find(build);
    JobVersion version = found.layout().version().read(build, started, finished);
    ProwBuild described =
        new ProwBuild(
            job,
            buildId,
            url,
            version.release(),
            version.commit(),
            started.timestamp(),
            finished.timestamp(),
            finished.result());
    if (version.release().isEmpty()) {
      log.warn(
          "{} build {}: no Kubernetes version in {}",
          job,
          buildId,
          found.layout().version().describe());
    }
    List<Path> files = download(build, found.files());
    CompletedDownload.write(build, described, found.files());
    return new ProwAuditLogs(described, files);
  }

  /**
   * The job's newest {@code count} successful builds among its newest {@code window}, newest first;
   * fewer when fewer succeeded.
   *
   * @throws NoSuccessfulBuildException when none of them succeeded
   * @throws BucketReadException when the bucket cannot be read
   */
  public List<String> successfulBuilds(String job, int window, int count) {
    if (count < 1) {
      throw new IllegalArgumentException("at least one build");
    }
    return new LatestSuccessfulBuild(bucket, prowCache).newest(job, window, count);
  }

  /** The build's finished.json; a build without one is running, or is no build at all. */
  private static BuildMetadata.Finished finished(BuildFiles build) {
    return build
        .read("finished.json", BuildMetadata::finished)
        .orElseThrow(
            () -> {
              if (build.read("started.json", BuildMetadata::started).isPresent()) {
                return new BuildNotSuccessfulException(
                    "build "
                        + build.build()
                        + " of "
                        + build.job()
                        + " is still running (it has started.json but no finished.json yet): "
                        + build.url(""));
              }
              return new BuildMetadataException(
                  "no build "
                      + build.build()
                      + " of "
                      + build.job()
                      + ": neither started.json nor finished.json is at "
                      + build.url(""));
            });
  }

  private static void requireAccepted(
      String job, String buildId, String result, String url, ProwRequest request) {
    if (BuildMetadata.SUCCESS.equals(result)) {
      return;
    }
    String what = "build " + buildId + " of " + job + " ended " + result;
    if (!request.allowUnsuccessful()) {
      throw new BuildNotSuccessfulException(
          what
              + ", so its audit logs may stop part-way; refusing it unless unsuccessful builds are"
              + " allowed: "
              + url);
    }
    log.warn("{}: taking its audit logs anyway, as asked", what);
  }

  private List<Path> download(BuildFiles build, List<String> files) {
    long missing = files.stream().filter(f -> !Files.isRegularFile(build.local(f))).count();
    log.info(
        "{} build {}: {} audit log file(s), {} to download into {}",
        build.job(),
        build.build(),
        files.size(),
        missing,
        build.dir());
    AtomicInteger thread = new AtomicInteger();
    ExecutorService pool =
        Executors.newFixedThreadPool(
            Math.min(downloadThreads, files.size()),
            task -> {
              Thread t = new Thread(task, "prow-download-" + thread.incrementAndGet());
              t.setDaemon(true);
              return t;
            });
    try {
      List<Future<Path>> downloads = new ArrayList<>();
      for (String file : files) {
        downloads.add(pool.submit(() -> downloaded(build, file)));
      }
      List<Path> paths = new ArrayList<>();
      for (Future<Path> download : downloads) {
        paths.add(result(download));
      }
      return paths;
    } finally {
      pool.shutdownNow();
    }
  }

  private static Path downloaded(BuildFiles build, String file) {
    boolean cached = Files.isRegularFile(build.local(file));
    Path path = build.download(file);
    if (!cached) {
      log.info("downloaded {} ({} bytes)", build.url(file), size(path));
    }
    return path;
  }

  private static long size(Path path) {
    try {
      return Files.size(path);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static Path result(Future<Path> download) {
    try {
      return download.get();
    } catch (ExecutionException e) {
      if (e.getCause() instanceof RuntimeException runtime) {
        throw runtime;
      }
      if (e.getCause() instanceof Error error) {
        throw error;
      }
      throw new IllegalStateException(e.getCause());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new BucketReadException("interrupted while downloading audit logs", e);
    }
  }
}
