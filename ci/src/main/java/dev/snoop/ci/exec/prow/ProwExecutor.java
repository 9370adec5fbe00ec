package dev.snoop.ci.exec.prow;

import dev.snoop.ci.exec.Executor;
import dev.snoop.ci.exec.StartRefusedException;
import dev.snoop.ci.run.JobRun;
import dev.snoop.ci.run.JobState;
import dev.snoop.ci.run.ProwJobDocument;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.dsl.Resource;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * Hands each run to a real Prow: creates the run as a {@code prow.k8s.io/v1} ProwJob, named after
 * the run, in Prow's ProwJob namespace, where Prow's plank runs it, crier reports it and sinker
 * removes it. The run's state is read back from the ProwJob's status; it is finished only once Prow
 * set its completion time. Abort does what Prow's deck does: it sets the ProwJob's state to
 * aborted, and plank stops its pod.
 */
public final class ProwExecutor implements Executor {
  static final String API_VERSION = "prow.k8s.io/v1";
  static final String KIND = "ProwJob";

  private static final Logger LOG = LoggerFactory.getLogger(ProwExecutor.class);
  private static final ObjectMapper JSON = JsonMapper.builder().build();

  private final KubernetesClient client;
  private final String namespace;
  private final KubernetesSerialization serialization = new KubernetesSerialization();

  /**
   * @param namespace Prow's {@code prowjob_namespace} (where its plank looks for ProwJobs)
   */
  public ProwExecutor(KubernetesClient client, String namespace) {
    this.client = client;
    this.namespace = namespace;
  }

  @Override
  public String name() {
    return "prow";
  }

  /** Creates the ProwJob; one already there under the run's name is the run's, and is adopted. */
  @Override
  public String start(JobRun run) {
    ObjectNode document = ProwJobDocument.of(run, namespace);
    // the CRD requires a container name; Prow writes its empty default, the job config has none
    for (JsonNode container : document.path("spec").path("pod_spec").path("containers")) {
      if (!container.has("name")) {
        ((ObjectNode) container).put("name", "");
      }
    }
    GenericKubernetesResource prowJob =
        serialization.convertValue(
            JSON.convertValue(document, Map.class), GenericKubernetesResource.class);
    // the API server sets these; a value from here would be refused or ignored
    prowJob.getMetadata().setCreationTimestamp(null);
    try {
      prowJobs().resource(prowJob).create();
    } catch (KubernetesClientException e) {
      if (e.getCode() == 409) {
        LOG.info("ProwJob {} exists already: adopting it", run.id());
      } else if (e.getCode() >= 400 && e.getCode() < 500) {
        throw new StartRefusedException("ProwJob can not be created: " + e.getMessage());
      } else {
        throw e;
      }
    }
    return run.id();
  }

  @Override
  public Observation observe(JobRun run) {
    GenericKubernetesResource prowJob = prowJob(run).get();
    if (prowJob == null) {
      return new Observation.Missing("ProwJob " + run.id() + " is not in namespace " + namespace);
    }
    ProwJobStatus status = ProwJobStatus.of(prowJob);
    if (status.completionTime().isPresent()) {
      return new Observation.Finished(status.state(), status.description());
    }
    return new Observation.Running(
        status.state().prowName()
            + status.description().transform(d -> d.isEmpty() ? "" : ": " + d));
  }

  /** Sets the ProwJob's state to aborted, as deck's abort does; plank then deletes its pod. */
  @Override
  public void abort(JobRun run) {
    GenericKubernetesResource prowJob = prowJob(run).get();
    if (prowJob == null || ProwJobStatus.of(prowJob).completionTime().isPresent()) {
      return;
    }
    prowJob(run)
        .edit(
            pj -> {
              @SuppressWarnings("unchecked")
              Map<String, Object> status =
                  (Map<String, Object>)
                      pj.getAdditionalProperties()
                          .computeIfAbsent("status", k -> new java.util.LinkedHashMap<>());
              status.put("state", JobState.ABORTED.prowName());
              status.put("description", run.description());
              return pj;
            });
  }

  /** Nothing: Prow's sinker removes complete ProwJobs and their pods. */
  @Override
  public void cleanUp(JobRun run) {}

  private Resource<GenericKubernetesResource> prowJob(JobRun run) {
    return prowJobs().withName(run.id());
  }

  private io.fabric8.kubernetes.client.dsl.NonNamespaceOperation<
          GenericKubernetesResource,
          io.fabric8.kubernetes.api.model.GenericKubernetesResourceList,
          Resource<GenericKubernetesResource>>
      prowJobs() {
    return client.genericKubernetesResources(API_VERSION, KIND).inNamespace(namespace);
  }

  /** The part of a ProwJob's status a run's state comes from. */
  record ProwJobStatus(JobState state, String description, Optional<String> completionTime) {
    static ProwJobStatus of(GenericKubernetesResource prowJob) {
      Object raw = prowJob.getAdditionalProperties().get("status");
      Map<?, ?> status = raw instanceof Map<?, ?> map ? map : Map.of();
      Object state = status.get("state");
      Object description = status.get("description");
      Object completion = status.get("completionTime");
      // scheduling comes before triggered when Prow's scheduler is on: queued all the same
      boolean queued = state == null || state.toString().equals("scheduling");
      return new ProwJobStatus(
          queued ? JobState.TRIGGERED : JobState.ofProwName(state.toString()),
          description == null ? "" : description.toString(),
          Optional.ofNullable(completion).map(Object::toString));
    }
  }
}
