package dev.snoop.ingest.prow;

import dev.snoop.db.input.InputBytes;
import java.nio.charset.StandardCharsets;

/**
 * Where a job records the Kubernetes version and commit it tested: the gce jobs in finished.json,
 * the kind job in a file of its own, as APISnoop's loader reads them (<a
 * href="https://github.com/kubernetes-sigs/apisnoop/blob/main/apps/snoopdb/postgres/snoopUtils.py">snoopUtils.py</a>).
 */
enum VersionSource {
  /** finished.json {@code metadata["job-version"]}: the version, and the commit after "+". */
  JOB_VERSION,
  /**
   * kind's {@code kubernetes-version.txt} for the version; started.json {@code repo-commit} for the
   * commit, else the commit after "+" in the version file.
   */
  KIND_VERSION_FILE;

  static final String KIND_VERSION_FILE_PATH =
      "artifacts/logs/kind-control-plane/kubernetes-version.txt";

  JobVersion read(
      BuildFiles files, BuildMetadata.Started started, BuildMetadata.Finished finished) {
    return switch (this) {
      case JOB_VERSION -> finished.jobVersion().map(JobVersion::parse).orElse(JobVersion.NONE);
      case KIND_VERSION_FILE -> {
        JobVersion file =
            files
                .read(KIND_VERSION_FILE_PATH, VersionSource::text)
                .map(JobVersion::parse)
                .orElse(JobVersion.NONE);
        yield new JobVersion(file.release(), started.commit().or(file::commit));
      }
    };
  }

  private static String text(InputBytes file) {
    String problem = file.obviousProblem();
    if (problem != null) {
      throw new BuildMetadataException(
          file.source() + ": " + problem + "; expected a version such as v1.35.0-alpha.1.2+abc123");
    }
    return new String(file.bytes(), StandardCharsets.UTF_8);
  }

  /** For messages. */
  String describe() {
    return this == JOB_VERSION
        ? "finished.json metadata[\"job-version\"]"
        : KIND_VERSION_FILE_PATH + " and started.json repo-commit";
  }
}
