package dev.snoop.ci.run;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import tools.jackson.databind.node.ObjectNode;

/**
 * A run as a ProwJob resource ({@code prow.k8s.io/v1}), as Prow writes it to {@code prowjob.json}
 * and as a real Prow reads it. Prow's status mixes casings: {@code startTime}, {@code pendingTime},
 * {@code completionTime} but {@code pod_name}, {@code build_id}, {@code prev_report_states}.
 */
public final class ProwJobDocument {
  private ProwJobDocument() {}

  /** The whole resource: apiVersion, kind, metadata, spec and status. */
  public static ObjectNode of(JobRun run, String namespace) {
    ObjectNode doc = NewRuns.JSON.createObjectNode();
    doc.put("apiVersion", "prow.k8s.io/v1");
    doc.put("kind", "ProwJob");
    ObjectNode metadata = doc.putObject("metadata");
    metadata.put("name", run.id());
    metadata.put("namespace", namespace);
    metadata.put("creationTimestamp", time(run.startTime()));
    putAll(metadata.putObject("labels"), run.labels());
    putAll(metadata.putObject("annotations"), run.annotations());
    doc.set("spec", run.spec().deepCopy());
    doc.set("status", status(run));
    return doc;
  }

  /** The status, with Prow's field names. */
  public static ObjectNode status(JobRun run) {
    ObjectNode status = NewRuns.JSON.createObjectNode();
    status.put("startTime", time(run.startTime()));
    run.pendingTime().ifPresent(t -> status.put("pendingTime", time(t)));
    run.completionTime().ifPresent(t -> status.put("completionTime", time(t)));
    status.put("state", run.state().prowName());
    status.put("description", run.description());
    run.url().ifPresent(u -> status.put("url", u));
    run.podName().ifPresent(p -> status.put("pod_name", p));
    status.put("build_id", run.buildIdText());
    if (!run.prevReportStates().isEmpty()) {
      putAll(status.putObject("prev_report_states"), run.prevReportStates());
    }
    return status;
  }

  /** RFC 3339 in seconds, as Kubernetes writes times. */
  static String time(Instant instant) {
    return instant.truncatedTo(ChronoUnit.SECONDS).toString();
  }

  private static void putAll(ObjectNode node, Map<String, String> values) {
    values.forEach(node::put);
  }
}
