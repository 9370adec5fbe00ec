package dev.snoop.ci.exec.kubernetes;

import dev.snoop.ci.run.JobRun;
import dev.snoop.ci.run.NewRuns;
import dev.snoop.ci.run.ProwEnvironment;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.VolumeBuilder;
import io.fabric8.kubernetes.api.model.VolumeMountBuilder;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.json.JsonMapper;

/**
 * The pod of a run, as Prow's plank makes it from a ProwJob: named after the run, in the run's
 * namespace, with the run's labels and annotations, the job's pod spec whose first container is the
 * test container {@code test}, Prow's environment appended to that container's own, {@code
 * restartPolicy: Never} and no service account token unless the job names a service account.
 *
 * <p>Of Prow's decoration it keeps what needs no pod-utilities: for a decorated job the termination
 * grace period (the job's grace period x 5/4) and {@code $ARTIFACTS} on an empty {@code /logs}
 * volume. It adds none of the init containers (clonerefs, initupload, place-entrypoint) or the
 * sidecar: the job's command runs as it is, and this executor collects its log itself.
 */
public final class RunPods {
  /** The test container's name, as Prow names it. */
  public static final String TEST_CONTAINER = "test";

  /** Where a decorated job writes what it keeps, as in Prow's decorated pods. */
  static final String ARTIFACTS = "/logs/artifacts";

  private static final ObjectMapper JSON = JsonMapper.builder().build();

  private RunPods() {}

  /**
   * The namespace of the run's pod: the spec's {@code namespace}, else Prow's {@code test-pods}.
   */
  public static String namespace(JobRun run) {
    JsonNode namespace = run.spec().path("namespace");
    return namespace.isString() && !namespace.asString().isBlank()
        ? namespace.asString()
        : NewRuns.DEFAULT_NAMESPACE;
  }

  /** Whether Prow would decorate the run (its spec carries a decoration config). */
  static boolean decorated(JobRun run) {
    return run.spec().path("decoration_config").isObject();
  }

  /**
   * The run's pod.
   *
   * @throws IllegalArgumentException when the run's spec has no pod spec with a container
   */
  public static Pod of(JobRun run) {
    JsonNode podSpec = run.spec().path("pod_spec");
    if (!podSpec.isObject() || podSpec.path("containers").isEmpty()) {
      throw new IllegalArgumentException(
          "run " + run.id() + " of job " + run.job() + " has no pod_spec with a container");
    }
    PodSpec spec = JSON.treeToValue(podSpec, PodSpec.class);
    boolean decorated = decorated(run);

    Container test = spec.getContainers().get(0);
    test.setName(TEST_CONTAINER);
    if (test.getTerminationMessagePolicy() == null) {
      test.setTerminationMessagePolicy("FallbackToLogsOnError");
    }
    List<EnvVar> env = new ArrayList<>(Optional.ofNullable(test.getEnv()).orElse(List.of()));
    Map<String, String> prow =
        ProwEnvironment.of(run, decorated ? Optional.of(ARTIFACTS) : Optional.empty());
    prow.forEach((name, value) -> env.add(new EnvVar(name, value, null)));
    test.setEnv(env);

    spec.setRestartPolicy("Never");
    if (spec.getServiceAccountName() == null || spec.getServiceAccountName().isBlank()) {
      spec.setAutomountServiceAccountToken(false);
    }
    if (decorated) {
      spec.setTerminationGracePeriodSeconds(run.gracePeriod().toSeconds() * 5 / 4);
      List<io.fabric8.kubernetes.api.model.Volume> volumes =
          new ArrayList<>(Optional.ofNullable(spec.getVolumes()).orElse(List.of()));
      volumes.add(new VolumeBuilder().withName("logs").withNewEmptyDir().endEmptyDir().build());
      spec.setVolumes(volumes);
      List<io.fabric8.kubernetes.api.model.VolumeMount> mounts =
          new ArrayList<>(Optional.ofNullable(test.getVolumeMounts()).orElse(List.of()));
      mounts.add(new VolumeMountBuilder().withName("logs").withMountPath("/logs").build());
      test.setVolumeMounts(mounts);
    }

    return new PodBuilder()
        .withNewMetadata()
        .withName(run.id())
        .withNamespace(namespace(run))
        .withLabels(run.labels())
        .withAnnotations(run.annotations())
        .endMetadata()
        .withSpec(spec)
        .build();
  }
}
