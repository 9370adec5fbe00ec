package dev.snoop.coverage.diff;

/**
 * One stored ingest run, as a side of a diff.
 *
 * @param id the run (snoop.ingest_run.id)
 * @param release the release its requests were matched against
 * @param name the Prow job, else the source as ingested
 * @param buildId the Prow build id, null for other sources
 */
public record StoredRun(long id, String release, String name, String buildId) {
  /** "ci-kubernetes-e2e-gci-gce build 1234 (run 7)". */
  public String describe() {
    return name
        + (buildId == null ? "" : " build " + buildId)
        + " (run "
        + id
        + ", "
        + release
        + ")";
  }
}
