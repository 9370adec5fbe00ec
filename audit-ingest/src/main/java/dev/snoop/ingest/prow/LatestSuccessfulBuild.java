package dev.snoop.ingest.prow;

import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Finds a job's latest successful build: the newest builds first (build ids compared as numbers),
 * the first whose finished.json says SUCCESS (or {@code "passed": true} in older files). A build
 * with no finished.json is still running and is passed over, as are failed and aborted ones.
 *
 * <p>The search looks at a window of the newest builds, counted rather than timed: it needs no
 * started.json per build, and a job that paused for a day still has its latest success found.
 */
final class LatestSuccessfulBuild {
  private static final Logger log = LoggerFactory.getLogger(LatestSuccessfulBuild.class);
  private static final Pattern BUILD_ID = Pattern.compile("[0-9]+");
  private static final int NEWEST_SHOWN = 5;

  private final ProwBucket bucket;
  private final Path prowCache;

  LatestSuccessfulBuild(ProwBucket bucket, Path prowCache) {
    this.bucket = bucket;
    this.prowCache = prowCache;
  }

  /**
   * @throws NoSuccessfulBuildException when none of the newest {@code window} builds succeeded
   */
  String find(String job, int window) {
    return newest(job, window, 1).get(0);
  }

  /**
   * The newest {@code count} successful builds among the newest {@code window}, newest first (fewer
   * when fewer succeeded).
   *
   * @throws NoSuccessfulBuildException when none of the newest {@code window} builds succeeded
   */
  List<String> newest(String job, int window, int count) {
    List<String> builds = buildIds(job);
    if (builds.isEmpty()) {
      throw noBuilds(job);
    }
    Map<String, String> seen = new LinkedHashMap<>();
    List<String> successful = new ArrayList<>();
    for (String build : builds.subList(0, Math.min(window, builds.size()))) {
      Optional<BuildMetadata.Finished> finished =
          new BuildFiles(bucket, prowCache, job, build)
              .read("finished.json", BuildMetadata::finished);
      if (finished.isPresent() && finished.get().succeeded()) {
        successful.add(build);
        if (successful.size() == count) {
          break;
        }
      } else {
        seen.put(build, finished.map(BuildMetadata.Finished::result).orElse("running"));
      }
    }
    if (!successful.isEmpty()) {
      log.info("newest successful builds of {}: {} (passed over {})", job, successful, seen);
      return successful;
    }
    throw new NoSuccessfulBuildException(
        "no successful build of "
            + job
            + " in "
            + bucket.url(folder(job))
            + ": looked at the newest "
            + seen.size()
            + " of "
            + builds.size()
            + " builds ("
            + counts(seen)
            + "); newest: "
            + seen.entrySet().stream()
                .limit(NEWEST_SHOWN)
                .map(e -> e.getKey() + " " + e.getValue())
                .collect(Collectors.joining(", ")));
  }

  /** The job's build ids, newest first: folders named by a number, compared as numbers. */
  List<String> buildIds(String job) {
    String folder = folder(job);
    List<String> ids = new ArrayList<>();
    for (String child : bucket.list(folder).folders()) {
      String name = child.substring(folder.length()).replaceAll("/+$", "");
      if (BUILD_ID.matcher(name).matches()) {
        ids.add(name);
      }
    }
    ids.sort(Comparator.comparing((String id) -> new BigInteger(id)).reversed());
    return ids;
  }

  private NoSuccessfulBuildException noBuilds(String job) {
    String latest = folder(job) + "latest-build.txt";
    Optional<String> named =
        bucket.read(latest).map(bytes -> new String(bytes, StandardCharsets.UTF_8).strip());
    return new NoSuccessfulBuildException(
        named
            .map(
                id ->
                    "the bucket lists no builds of "
                        + job
                        + " under "
                        + bucket.url(folder(job))
                        + ", yet "
                        + bucket.url(latest)
                        + " names build "
                        + id
                        + ": does this URL serve the GCS JSON listing?")
            .orElseGet(
                () ->
                    "no builds of "
                        + job
                        + " in "
                        + bucket.url(folder(job))
                        + " (and no latest-build.txt): is the job name or the bucket wrong?"));
  }

  private static String folder(String job) {
    return "logs/" + job + "/";
  }

  /** "2 running, 1 FAILURE". */
  private static String counts(Map<String, String> seen) {
    return seen.values().stream()
        .collect(Collectors.groupingBy(r -> r, LinkedHashMap::new, Collectors.counting()))
        .entrySet()
        .stream()
        .map(e -> e.getValue() + " " + e.getKey())
        .collect(Collectors.joining(", "));
  }
}
