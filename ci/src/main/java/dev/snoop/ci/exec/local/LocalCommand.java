package dev.snoop.ci.exec.local;

import dev.snoop.ci.exec.StartRefusedException;
import dev.snoop.ci.run.JobRun;
import dev.snoop.ci.run.ProwEnvironment;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.EnvVarSource;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.SecretKeySelector;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.json.JsonMapper;

/**
 * The process a run is on this machine: the command and args of its pod spec's one container, with
 * {@code $(VAR)} expanded as Kubernetes does, and its environment: the executor's base (e.g. {@code
 * PATH}; never the engine's own, which holds its tokens), {@code HOME} in the run's work directory,
 * the container's env values, and Prow's environment, which wins as it does in a decorated pod.
 *
 * <p>What cannot run here is refused (the run is an error, saying why): no pod spec, more than one
 * container or any init container, a container without a command (it relies on its image's
 * entrypoint), {@code envFrom}, and env values from anything but a secret. A secret's key is read
 * from {@code <secrets>/<secret name>/<key>}, the layout of a secret mounted in a pod; a missing
 * one is refused unless the reference is optional. What has no meaning here (the image, volume
 * mounts, resources, ...) is listed in {@link #ignored}, which the executor writes at the top of
 * the build log.
 *
 * @param ignored one line per field of the container that this machine does not act on
 */
record LocalCommand(List<String> argv, Map<String, String> env, List<String> ignored) {
  private static final ObjectMapper JSON = JsonMapper.builder().build();
  private static final Pattern SECRET_PART = Pattern.compile("[A-Za-z0-9._-]+");
  static final String DEFAULT_PATH = "/usr/local/bin:/usr/bin:/bin";

  LocalCommand {
    argv = List.copyOf(argv);
    env = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(env));
    ignored = List.copyOf(ignored);
  }

  /**
   * @param base the environment every run starts from
   * @param artifacts the run's {@code $ARTIFACTS}
   * @param home the run's work directory
   * @param secrets where secrets are, if anywhere
   * @throws StartRefusedException when the run cannot be run here
   */
  static LocalCommand of(
      JobRun run, Map<String, String> base, Path artifacts, Path home, Optional<Path> secrets) {
    PodSpec pod = podSpec(run);
    if (pod.getContainers() == null || pod.getContainers().size() != 1) {
      int n = pod.getContainers() == null ? 0 : pod.getContainers().size();
      throw refused(run, "its pod spec has " + n + " containers; the local executor runs one");
    }
    if (pod.getInitContainers() != null && !pod.getInitContainers().isEmpty()) {
      throw refused(run, "its pod spec has init containers, which the local executor does not run");
    }
    Container container = pod.getContainers().get(0);
    String name = container.getName() == null ? "test" : container.getName();
    if (container.getCommand() == null || container.getCommand().isEmpty()) {
      throw refused(
          run,
          "container "
              + name
              + " has no command: it relies on its image's entrypoint, which the local executor"
              + " cannot run (give the container a command)");
    }
    if (container.getEnvFrom() != null && !container.getEnvFrom().isEmpty()) {
      throw refused(
          run, "container " + name + " uses envFrom, which the local executor cannot read");
    }

    Map<String, String> prow = ProwEnvironment.of(run, Optional.of(artifacts.toString()));
    Map<String, String> env = new LinkedHashMap<>();
    env.put("PATH", DEFAULT_PATH);
    env.putAll(base);
    env.put("HOME", home.toString());
    env.putAll(prow);
    List<String> ignored = new ArrayList<>();
    for (EnvVar variable : container.getEnv() == null ? List.<EnvVar>of() : container.getEnv()) {
      if (prow.containsKey(variable.getName())) {
        ignored.add("env " + variable.getName() + ": Prow's environment sets it");
        continue;
      }
      Optional<String> value = value(run, name, variable, env, secrets);
      value.ifPresent(v -> env.put(variable.getName(), v));
    }
    List<String> argv = new ArrayList<>();
    container.getCommand().forEach(part -> argv.add(Expansion.expand(part, env)));
    if (container.getArgs() != null) {
      container.getArgs().forEach(part -> argv.add(Expansion.expand(part, env)));
    }
    ignored.addAll(ignoredFields(container, pod));
    return new LocalCommand(argv, env, ignored);
  }

  private static PodSpec podSpec(JobRun run) {
    JsonNode spec = run.spec().get("pod_spec");
    if (spec == null || spec.isNull()) {
      throw refused(run, "it has no pod spec: nothing to run");
    }
    try {
      return JSON.treeToValue(spec, PodSpec.class);
    } catch (JacksonException e) {
      throw refused(run, "its pod spec cannot be read: " + e.getOriginalMessage());
    }
  }

  private static Optional<String> value(
      JobRun run,
      String container,
      EnvVar variable,
      Map<String, String> env,
      Optional<Path> secrets) {
    EnvVarSource from = variable.getValueFrom();
    if (from == null) {
      return Optional.of(Expansion.expand(nullToEmpty(variable.getValue()), env));
    }
    String what = "env " + variable.getName() + " of container " + container;
    SecretKeySelector secret = from.getSecretKeyRef();
    if (secret == null) {
      throw refused(
          run,
          what
              + " takes its value from a "
              + (from.getConfigMapKeyRef() != null
                  ? "config map"
                  : from.getFieldRef() != null ? "field of the pod" : "resource of the container")
              + ", which the local executor cannot read (only literal values and secrets)");
    }
    boolean optional = Boolean.TRUE.equals(secret.getOptional());
    String reference = "secret " + secret.getName() + " key " + secret.getKey();
    if (secrets.isEmpty()) {
      if (optional) {
        return Optional.empty();
      }
      throw refused(
          run,
          what
              + " takes "
              + reference
              + ", and the local executor was given no secrets directory (it reads"
              + " <directory>/<secret>/<key>)");
    }
    if (!SECRET_PART.matcher(nullToEmpty(secret.getName())).matches()
        || !SECRET_PART.matcher(nullToEmpty(secret.getKey())).matches()
        || secret.getName().startsWith("..")
        || secret.getKey().startsWith("..")) {
      throw refused(run, what + " names " + reference + ", which is no secret name and key");
    }
    Path file = secrets.get().resolve(secret.getName()).resolve(secret.getKey());
    if (!Files.isRegularFile(file)) {
      if (optional) {
        return Optional.empty();
      }
      throw refused(run, what + " takes " + reference + ", and " + file + " does not exist");
    }
    try {
      return Optional.of(Files.readString(file, StandardCharsets.UTF_8));
    } catch (IOException e) {
      throw new UncheckedIOException("reading " + file, e);
    }
  }

  /** The container's fields that ask for something a process of this machine does not have. */
  private static List<String> ignoredFields(Container container, PodSpec pod) {
    List<String> ignored = new ArrayList<>();
    if (container.getImage() != null) {
      ignored.add("image " + container.getImage() + ": the command runs on this machine");
    }
    if (container.getWorkingDir() != null) {
      ignored.add("workingDir " + container.getWorkingDir() + ": the run's work directory is used");
    }
    if (container.getVolumeMounts() != null && !container.getVolumeMounts().isEmpty()) {
      ignored.add("volumeMounts: nothing is mounted");
    }
    if (container.getResources() != null
        && ((container.getResources().getLimits() != null
                && !container.getResources().getLimits().isEmpty())
            || (container.getResources().getRequests() != null
                && !container.getResources().getRequests().isEmpty()))) {
      ignored.add("resources: no limits are applied");
    }
    if (container.getSecurityContext() != null || pod.getSecurityContext() != null) {
      ignored.add("securityContext: the process runs as the engine's user");
    }
    return ignored;
  }

  private static StartRefusedException refused(JobRun run, String why) {
    return new StartRefusedException(
        "job " + run.job() + " cannot run on the local executor: " + why);
  }

  private static String nullToEmpty(String value) {
    return value == null ? "" : value;
  }
}
