package dev.snoop.ci.exec.kubernetes;

import dev.snoop.ci.run.JobRun;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.Event;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import io.fabric8.kubernetes.client.utils.URLUtils;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps what a run's pod leaves before the pod goes: each container's log ({@code build-log.txt}
 * for the test container, {@code <container>-build-log.txt} for any other, as Prow's sidecar names
 * them) and {@code podinfo.json}, the pod with its events as Prow's Kubernetes reporter writes it
 * for Spyglass's pod lens.
 */
final class PodReports {
  private static final Logger LOG = LoggerFactory.getLogger(PodReports.class);

  private final KubernetesClient client;
  private final Function<JobRun, Path> buildDirectory;
  private final KubernetesSerialization serialization = new KubernetesSerialization();

  PodReports(KubernetesClient client, Function<JobRun, Path> buildDirectory) {
    this.client = client;
    this.buildDirectory = buildDirectory;
  }

  /** Writes the logs and podinfo.json of the run's pod into the run's build directory. */
  void collect(JobRun run, Pod pod) {
    Path dir = buildDirectory.apply(run);
    try {
      Files.createDirectories(dir);
      for (Container container : pod.getSpec().getContainers()) {
        String file =
            RunPods.TEST_CONTAINER.equals(container.getName())
                ? "build-log.txt"
                : container.getName() + "-build-log.txt";
        log(pod, container.getName()).ifPresent(text -> write(dir.resolve(file), text));
      }
      write(dir.resolve("podinfo.json"), podInfo(pod));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write the pod reports of run " + run.id(), e);
    }
  }

  /** {@code {"pod": ..., "events": [...]}}: the pod and the events about it. */
  String podInfo(Pod pod) {
    Map<String, Object> info = new LinkedHashMap<>();
    info.put("pod", pod);
    info.put("events", events(pod));
    return serialization.asJson(info);
  }

  private List<Event> events(Pod pod) {
    try {
      return client
          .v1()
          .events()
          .inNamespace(pod.getMetadata().getNamespace())
          .list()
          .getItems()
          .stream()
          // filtered here, not by a field selector: fabric8's mock server answers none on events
          .filter(e -> pod.getMetadata().getName().equals(e.getInvolvedObject().getName()))
          .filter(e -> "Pod".equals(e.getInvolvedObject().getKind()))
          .toList();
    } catch (KubernetesClientException e) {
      LOG.warn("cannot list the events of pod {}: {}", pod.getMetadata().getName(), e.getMessage());
      return List.of();
    }
  }

  /**
   * The container's log as it is now, by a plain GET of the pod's log: fabric8's getLog() first
   * waits for the pod to be ready, which lists and watches pods.
   */
  private Optional<String> log(Pod pod, String container) {
    String uri =
        URLUtils.join(
            client.getMasterUrl().toString(),
            "api/v1/namespaces/"
                + pod.getMetadata().getNamespace()
                + "/pods/"
                + pod.getMetadata().getName()
                + "/log?container="
                + container);
    try {
      return Optional.ofNullable(client.raw(uri));
    } catch (KubernetesClientException e) {
      // a container that never started has no log; the run's state says why
      LOG.warn(
          "no log of container {} of pod {}: {}",
          container,
          pod.getMetadata().getName(),
          e.getMessage());
      return Optional.empty();
    }
  }

  private static void write(Path file, String text) {
    try {
      Files.writeString(file, text, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write " + file, e);
    }
  }
}
