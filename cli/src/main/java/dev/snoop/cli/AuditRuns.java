package dev.snoop.cli;

import dev.snoop.db.Database;
import dev.snoop.db.release.Release;
import dev.snoop.db.release.ReleaseCatalogue;
import dev.snoop.ingest.AuditIngester;
import dev.snoop.ingest.FileFeed;
import dev.snoop.ingest.IngestRequest;
import dev.snoop.ingest.IngestResult;
import dev.snoop.ingest.ProwIngest;
import dev.snoop.ingest.prow.HttpProwBucket;
import dev.snoop.ingest.prow.ProwAuditLogs;
import dev.snoop.ingest.prow.ProwFetcher;
import dev.snoop.ingest.prow.ProwRequest;
import dev.snoop.ingest.reader.AuditSource;
import dev.snoop.ingest.reader.AuditSources;
import dev.snoop.ingest.reader.ReaderOptions;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;

/**
 * Ingest runs as the CLI starts them, on an open database: audit logs named by the user, or a Prow
 * build's, with a progress bar on a terminal. Shared by {@code snoop ingest} and {@code snoop up}.
 */
final class AuditRuns {
  private final Database db;
  private final Path cacheDir;
  private final boolean keepRaw;
  private final long maxProblems;
  private final boolean allowEmpty;

  AuditRuns(Database db, Path cacheDir, boolean keepRaw, long maxProblems, boolean allowEmpty) {
    this.db = db;
    this.cacheDir = cacheDir;
    this.keepRaw = keepRaw;
    this.maxProblems = maxProblems;
    this.allowEmpty = allowEmpty;
  }

  /**
   * One run of files, directories or URLs, named by the arguments as given, so ingesting the same
   * ones again replaces it.
   */
  IngestResult files(Release release, List<String> sources) {
    List<AuditSource> files = AuditSources.expand(sources, cacheDir);
    String source = String.join(" ", sources);
    return run(
        new IngestRequest(release, source, null, null, keepRaw, maxProblems, allowEmpty, null),
        files);
  }

  /**
   * One run of a Prow build's audit logs, downloaded once into the cache, matched against {@code
   * release} or else the build's own.
   */
  IngestResult prow(ProwRequest request, Optional<Release> release, String bucketUrl) {
    ProwAuditLogs logs = new ProwFetcher(new HttpProwBucket(bucketUrl), cacheDir).fetch(request);
    Release target = ProwIngest.release(logs.build(), release, new ReleaseCatalogue(db.dsl()));
    List<AuditSource> files = AuditSources.expand(ProwIngest.files(logs), cacheDir);
    return run(ProwIngest.request(logs, target, keepRaw, maxProblems, allowEmpty), files);
  }

  /**
   * The job's newest {@code count} successful builds, each as a run of its own (the coverage views
   * count only the newest; snoop stability reads them all), oldest first so that the newest commits
   * last.
   */
  List<IngestResult> prowBuilds(
      String job, int count, Optional<Release> release, String bucketUrl) {
    ProwFetcher fetcher = new ProwFetcher(new HttpProwBucket(bucketUrl), cacheDir);
    List<String> builds =
        new ArrayList<>(
            fetcher.successfulBuilds(job, Math.max(ProwRequest.DEFAULT_WINDOW, 2 * count), count));
    Collections.reverse(builds);
    List<IngestResult> results = new ArrayList<>();
    for (String build : builds) {
      results.add(prow(ProwRequest.build(job, build), release, bucketUrl));
    }
    return results;
  }

  private IngestResult run(IngestRequest request, List<AuditSource> files) {
    try (IngestCommand.Progress progress = IngestCommand.Progress.start("ingest")) {
      return new AuditIngester(db)
          .ingest(
              request,
              new FileFeed(files, ReaderOptions.defaults().withKeepRaw(keepRaw), progress));
    }
  }
}
