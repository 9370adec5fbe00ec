package dev.snoop.ingest.prow;

import dev.snoop.db.release.Release;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * A finished Prow build, as its started.json, finished.json and version file describe it.
 *
 * @param url the build's Spyglass page, {@code
 *     https://prow.k8s.io/view/gcs/<bucket>/logs/<job>/<build>}
 * @param kubernetesVersion the version of Kubernetes it tested, MAJOR.MINOR.PATCH without
 *     pre-release ({@code v1.26.0-alpha.0.275+41df8167dd82e7} gives {@code 1.26.0}); empty when not
 *     recorded
 * @param commit the kubernetes/kubernetes commit it tested; empty when not recorded
 * @param result finished.json's result: SUCCESS, FAILURE, ABORTED, ...
 */
public record ProwBuild(
    String job,
    String buildId,
    String url,
    Optional<String> kubernetesVersion,
    Optional<String> commit,
    Instant started,
    Instant finished,
    String result) {
  public ProwBuild {
    Objects.requireNonNull(job, "job");
    Objects.requireNonNull(buildId, "buildId");
    Objects.requireNonNull(url, "url");
    Objects.requireNonNull(kubernetesVersion, "kubernetesVersion");
    Objects.requireNonNull(commit, "commit");
    Objects.requireNonNull(started, "started");
    Objects.requireNonNull(finished, "finished");
    Objects.requireNonNull(result, "result");
    kubernetesVersion.ifPresent(Release::parse);
  }

  /** The Spyglass page of a build in a bucket. */
  static String viewUrl(String bucket, String job, String buildId) {
    return "https://prow.k8s.io/view/gcs/" + bucket + "/logs/" + job + "/" + buildId;
  }

  public boolean succeeded() {
    return BuildMetadata.SUCCESS.equals(result);
  }

  /** The tested version as a release, e.g. 1.26.0. */
  public Optional<Release> release() {
    return kubernetesVersion.map(Release::parse);
  }
}
