package dev.snoop.ci.run;

import dev.snoop.ci.config.Job;
import dev.snoop.ci.config.JobType;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Makes the triggered run of a job, as Prow's {@code pjutil.NewProwJob} makes a ProwJob: a new
 * UUID, the spec copied from the job's config, Prow's labels and annotations, a new build id.
 */
public final class NewRuns {
  static final ObjectMapper JSON = JsonMapper.builder().build();

  /** Kubernetes' limit on a label value. */
  private static final int LABEL_VALUE_MAX = 63;

  /** Prow's default namespace of test pods ({@code pod_namespace}). */
  public static final String DEFAULT_NAMESPACE = "test-pods";

  private final BuildIds buildIds;
  private final Clock clock;

  public NewRuns(BuildIds buildIds, Clock clock) {
    this.buildIds = buildIds;
    this.clock = clock;
  }

  /**
   * A triggered run of {@code job}.
   *
   * @param refs what it tests; empty for a periodic
   * @param eventGuid the webhook delivery that caused it
   */
  public JobRun triggered(
      Job job, Optional<Refs> refs, String executor, Optional<String> eventGuid) {
    String id = UUID.randomUUID().toString();
    long buildId = buildIds.next();
    return new JobRun(
        id,
        job.name(),
        job.type(),
        buildId,
        JobState.TRIGGERED,
        job.context(),
        refs,
        spec(job, refs),
        labels(job, refs, id, buildId),
        annotations(job),
        executor,
        clock.instant(),
        Optional.empty(),
        Optional.empty(),
        "Job triggered.",
        Optional.empty(),
        Optional.empty(),
        Map.of(),
        Optional.empty(),
        Optional.empty(),
        eventGuid);
  }

  /**
   * A new run of what {@code previous} ran (same spec, labels and annotations; a rerun is a new
   * ProwJob in Prow, never a reset of the old one).
   */
  public JobRun rerun(JobRun previous) {
    String id = UUID.randomUUID().toString();
    long buildId = buildIds.next();
    Map<String, String> labels = new LinkedHashMap<>(previous.labels());
    labels.put("prow.k8s.io/id", id);
    labels.put("prow.k8s.io/build-id", Long.toUnsignedString(buildId));
    return new JobRun(
        id,
        previous.job(),
        previous.type(),
        buildId,
        JobState.TRIGGERED,
        previous.context(),
        previous.refs(),
        previous.spec().deepCopy(),
        labels,
        previous.annotations(),
        previous.executor(),
        clock.instant(),
        Optional.empty(),
        Optional.empty(),
        "Job triggered.",
        Optional.empty(),
        Optional.empty(),
        Map.of(),
        Optional.empty(),
        Optional.empty(),
        Optional.empty());
  }

  /** The ProwJob spec, with Prow's field names. */
  static ObjectNode spec(Job job, Optional<Refs> refs) {
    ObjectNode spec = JSON.createObjectNode();
    spec.put("type", job.type().prowName());
    spec.put("agent", job.agent());
    spec.put("cluster", job.cluster());
    spec.put("namespace", DEFAULT_NAMESPACE);
    spec.put("job", job.name());
    refs.ifPresent(r -> spec.set("refs", refsJson(r)));
    spec.put("report", !job.skipReport());
    job.context().ifPresent(c -> spec.put("context", c));
    job.rerunCommand().ifPresent(c -> spec.put("rerun_command", c));
    if (job.maxConcurrency() > 0) {
      spec.put("max_concurrency", job.maxConcurrency());
    }
    job.queue().ifPresent(q -> spec.put("job_queue_name", q.name()));
    job.spec().ifPresent(pod -> spec.set("pod_spec", JSON.valueToTree(pod)));
    if (job.decorate()) {
      spec.set("decoration_config", job.decorationConfig().deepCopy());
    }
    return spec;
  }

  /** {@code refs} as Prow writes it. */
  public static ObjectNode refsJson(Refs refs) {
    ObjectNode json = JSON.createObjectNode();
    json.put("org", refs.org());
    json.put("repo", refs.repo());
    json.put("base_ref", refs.baseRef());
    refs.baseSha().ifPresent(sha -> json.put("base_sha", sha));
    if (!refs.pulls().isEmpty()) {
      ArrayNode pulls = json.putArray("pulls");
      for (Refs.Pull pull : refs.pulls()) {
        ObjectNode p = pulls.addObject();
        p.put("number", pull.number());
        p.put("author", pull.author());
        p.put("sha", pull.sha());
        pull.title().ifPresent(t -> p.put("title", t));
      }
    }
    return json;
  }

  /** The job's labels and Prow's own, which also go on the run's pod. */
  static Map<String, String> labels(Job job, Optional<Refs> refs, String id, long buildId) {
    Map<String, String> labels = new LinkedHashMap<>(job.labels());
    labels.put("created-by-prow", "true");
    labels.put("prow.k8s.io/type", job.type().prowName());
    labels.put("prow.k8s.io/job", labelValue(job.name()));
    labels.put("prow.k8s.io/id", id);
    labels.put("prow.k8s.io/build-id", Long.toUnsignedString(buildId));
    job.context().ifPresent(c -> labels.put("prow.k8s.io/context", labelValue(c)));
    if (job.optional()) {
      labels.put("prow.k8s.io/is-optional", "true");
    }
    refs.ifPresent(
        r -> {
          labels.put("prow.k8s.io/refs.org", labelValue(r.org()));
          labels.put("prow.k8s.io/refs.repo", labelValue(r.repo()));
          labels.put("prow.k8s.io/refs.base_ref", labelValue(r.baseRef()));
          if (job.type() == JobType.PRESUBMIT) {
            r.pull()
                .ifPresent(p -> labels.put("prow.k8s.io/refs.pull", String.valueOf(p.number())));
          }
        });
    return labels;
  }

  /** The job's annotations and the full job name and context, which labels may cut. */
  static Map<String, String> annotations(Job job) {
    Map<String, String> annotations = new LinkedHashMap<>(job.annotations());
    annotations.put("prow.k8s.io/job", job.name());
    job.context().ifPresent(c -> annotations.put("prow.k8s.io/context", c));
    return annotations;
  }

  /** A label value as Prow makes one: at most 63 characters, not ending in '.' or '-'. */
  static String labelValue(String value) {
    if (value.length() <= LABEL_VALUE_MAX) {
      return value;
    }
    return value.substring(0, LABEL_VALUE_MAX).replaceAll("[.-]+$", "");
  }
}
