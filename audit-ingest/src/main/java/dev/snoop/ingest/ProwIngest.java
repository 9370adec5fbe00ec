package dev.snoop.ingest;

import dev.snoop.db.release.Release;
import dev.snoop.db.release.ReleaseCatalogue;
import dev.snoop.ingest.prow.ProwAuditLogs;
import dev.snoop.ingest.prow.ProwBuild;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/** Which release a Prow build's audit logs are matched against, and how the run is named. */
public final class ProwIngest {
  private ProwIngest() {}

  /**
   * The release given, else the build's Kubernetes version; a build of a version newer than the
   * working release (a code-freeze build reporting the next version) counts for the working
   * release, as APISnoop decides.
   */
  public static Release release(
      ProwBuild build, Optional<Release> given, ReleaseCatalogue catalogue) {
    if (given.isPresent()) {
      return given.get();
    }
    Release version =
        build
            .release()
            .orElseThrow(
                () ->
                    new UnknownBuildVersionException(
                        build.url() + ": the build does not say which Kubernetes version it ran"));
    return catalogue
        .working()
        .map(ReleaseCatalogue.Entry::release)
        .filter(working -> version.compareTo(working) > 0)
        .orElse(version);
  }

  /**
   * The run's request: its source is the build's URL, so the same build replaces its run, and its
   * run time is the build's start.
   */
  public static IngestRequest request(
      ProwAuditLogs logs, Release release, boolean keepRaw, long maxProblems, boolean allowEmpty) {
    ProwBuild build = logs.build();
    return new IngestRequest(
        release,
        build.url(),
        build.job(),
        build.buildId(),
        keepRaw,
        maxProblems,
        allowEmpty,
        build.started());
  }

  /** The downloaded files as reader arguments. */
  public static List<String> files(ProwAuditLogs logs) {
    return logs.files().stream().map(Path::toString).toList();
  }
}
