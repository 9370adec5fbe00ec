package dev.snoop.ingest.prow;

import java.util.List;

/**
 * Where a job's builds keep their audit logs and their version, for the jobs APISnoop reads (its
 * loader, <a
 * href="https://github.com/kubernetes-sigs/apisnoop/blob/main/apps/snoopdb/postgres/snoopUtils.py">snoopUtils.py</a>,
 * names the jobs, the folders and the version files).
 *
 * @param name for messages
 * @param jobs the jobs laid out this way, old names included
 * @param auditFolder the folder of the audit logs, relative to the build, ending in "/"; a segment
 *     with "*" matches every sub-folder whose name fits it (the gce jobs' "*master*" is the folder
 *     of the control-plane node's logs)
 * @param version where the tested version and commit are written
 */
record JobLayout(String name, List<String> jobs, String auditFolder, VersionSource version) {
  JobLayout {
    jobs = List.copyOf(jobs);
    if (!auditFolder.endsWith("/") || auditFolder.startsWith("/")) {
      throw new IllegalArgumentException("a folder relative to the build, ending in /");
    }
  }

  /** The jobs APISnoop reads, and the order an unknown job's build is searched in. */
  static final List<JobLayout> KNOWN =
      List.of(
          new JobLayout(
              "gce e2e",
              List.of("ci-kubernetes-e2e-gci-gce"),
              "artifacts/*master*/",
              VersionSource.JOB_VERSION),
          new JobLayout(
              "gce conformance",
              List.of("ci-kubernetes-gce-conformance-latest"),
              "artifacts/cluster-logs/*master*/",
              VersionSource.JOB_VERSION),
          new JobLayout(
              "kind",
              List.of("ci-kubernetes-audit-kind-conformance", "ci-audit-kind-conformance"),
              "artifacts/audit/",
              VersionSource.KIND_VERSION_FILE));

  /** The job's own layout, or for a job not in {@link #KNOWN} every layout, in order. */
  static List<JobLayout> candidates(String job) {
    return KNOWN.stream()
        .filter(layout -> layout.jobs().contains(job))
        .findFirst()
        .map(List::of)
        .orElse(KNOWN);
  }
}
