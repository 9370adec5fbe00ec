package dev.snoop.ci.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import dev.snoop.ci.config.Job;
import dev.snoop.ci.exec.kubernetes.KubernetesExecutor;
import dev.snoop.ci.exec.prow.ProwExecutor;
import dev.snoop.ci.run.BuildIds;
import dev.snoop.ci.run.ExampleJobs;
import dev.snoop.ci.run.JobRun;
import dev.snoop.ci.run.JobState;
import dev.snoop.ci.run.JobStore;
import dev.snoop.ci.run.NewRuns;
import dev.snoop.db.Database;
import dev.snoop.db.testing.MigratedDatabase;
import dev.snoop.db.testing.SharedData;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Namespace;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.Volume;
import io.fabric8.kubernetes.api.model.VolumeMount;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinition;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.rbac.Role;
import io.fabric8.kubernetes.api.model.rbac.RoleBinding;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.ConfigBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import io.fabric8.mockwebserver.http.RecordedRequest;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.dataformat.yaml.YAMLMapper;

/**
 * deploy/kubernetes: every manifest loads as a known kind and applies to fabric8's mock API server;
 * what they name exists (service account, secrets and their keys, the config map, the volume, the
 * roles); the image is the one the image build names and the example jobs use; and the RBAC rules
 * allow exactly the calls the executors make, as recorded on the mock server.
 */
@ExtendWith(MigratedDatabase.class)
@EnableKubernetesMockClient(crud = true)
class DeployManifestsIT {
  private static final YAMLMapper YAML = YAMLMapper.builder().build();
  private static final String EXECUTOR_AGENT = "snoop-executor-under-test";
  private static final Pattern DISCOVERY = Pattern.compile("/(api|apis)(/[^/?]+){0,2}/?(\\?.*)?");

  KubernetesMockServer server;
  KubernetesClient client;

  private final Database db;
  @TempDir Path builds;

  DeployManifestsIT(Database db) {
    this.db = db;
  }

  @Test
  void everyManifestLoadsAsAKnownKindAndApplies() throws IOException {
    List<HasMetadata> objects = apply();

    assertThat(objects).isNotEmpty().noneMatch(o -> o instanceof GenericKubernetesResource);
    for (HasMetadata object : objects) {
      assertThat(client.resource(object).get())
          .as("%s %s", object.getKind(), object.getMetadata().getName())
          .isNotNull();
    }
  }

  @Test
  void theKustomizationListsEveryManifest() throws IOException {
    JsonNode kustomization = YAML.readTree(deploy().resolve("kustomization.yaml").toFile());
    Set<String> listed = new TreeSet<>();
    kustomization.path("resources").forEach(r -> listed.add(r.asString()));
    try (Stream<Path> files = Files.list(deploy())) {
      assertThat(
              files
                  .map(f -> f.getFileName().toString())
                  .filter(f -> f.endsWith(".yaml") && !f.equals("kustomization.yaml")))
          .containsExactlyInAnyOrderElementsOf(listed);
    }
  }

  @Test
  void whatTheDeploymentNamesExists() throws IOException {
    apply();
    Deployment deployment =
        client.apps().deployments().inNamespace("snoop").withName("snoop").get();
    PodSpec pod = deployment.getSpec().getTemplate().getSpec();
    String ns = deployment.getMetadata().getNamespace();

    assertThat(client.serviceAccounts().inNamespace(ns).withName(pod.getServiceAccountName()).get())
        .isNotNull();
    for (Volume volume : pod.getVolumes()) {
      if (volume.getConfigMap() != null) {
        assertThat(
                client.configMaps().inNamespace(ns).withName(volume.getConfigMap().getName()).get())
            .as(volume.getName())
            .isNotNull();
      }
      if (volume.getSecret() != null) {
        assertThat(secret(ns, volume.getSecret().getSecretName()))
            .as(volume.getName())
            .isNotEmpty();
      }
      if (volume.getPersistentVolumeClaim() != null) {
        assertThat(
                client
                    .persistentVolumeClaims()
                    .inNamespace(ns)
                    .withName(volume.getPersistentVolumeClaim().getClaimName())
                    .get())
            .as(volume.getName())
            .isNotNull();
      }
    }
    Container snoop = pod.getContainers().get(0);
    for (EnvVar env : snoop.getEnv()) {
      if (env.getValueFrom() != null && env.getValueFrom().getSecretKeyRef() != null) {
        var ref = env.getValueFrom().getSecretKeyRef();
        assertThat(secret(ns, ref.getName())).as(env.getName()).containsKey(ref.getKey());
      }
    }

    Map<String, String> args = options(snoop.getArgs());
    assertThat(snoop.getArgs()).startsWith("serve").contains("--engine");
    assertThat(args).containsEntry("--executor", "kubernetes");
    // every file an option names is a key of the secret or config map mounted there
    for (String option :
        List.of("--config", "--api-token-file", "--token-file", "--webhook-secret-file")) {
      assertThat(args).containsKey(option);
      assertThat(mountedKeys(ns, pod, snoop)).as(option).containsKey(Path.of(args.get(option)));
    }
    assertThat(mountedKeys(ns, pod, snoop).get(Path.of(args.get("--config"))))
        .as("the jobs config map holds ci/examples/snoop-jobs.yaml as it is")
        .containsEntry(
            "snoop-jobs.yaml",
            Files.readString(ExampleJobs.directory().resolve("snoop-jobs.yaml")));
    assertThat(snoop.getVolumeMounts())
        .anySatisfy(m -> assertThat(m.getMountPath()).isEqualTo(args.get("--artifacts")));

    Service service = client.services().inNamespace(ns).withName("snoop").get();
    assertThat(deployment.getSpec().getTemplate().getMetadata().getLabels())
        .containsAllEntriesOf(service.getSpec().getSelector());
    assertThat(snoop.getPorts())
        .anySatisfy(
            p ->
                assertThat(p.getName())
                    .isEqualTo(service.getSpec().getPorts().get(0).getTargetPort().getStrVal()));
  }

  @Test
  void theImageIsTheOneTheBuildNamesAndTheExampleJobsRun() throws IOException {
    apply();
    String image =
        client
            .apps()
            .deployments()
            .inNamespace("snoop")
            .withName("snoop")
            .get()
            .getSpec()
            .getTemplate()
            .getSpec()
            .getContainers()
            .get(0)
            .getImage();
    String pom = Files.readString(projectRoot().resolve("cli/pom.xml"));
    Matcher built = Pattern.compile("<image>([^<]+)</image>").matcher(pom);
    assertThat(built.find()).isTrue();

    assertThat(image).isEqualTo(built.group(1));
    for (Job job : ExampleJobs.config().jobs()) {
      assertThat(job.spec().orElseThrow().getContainers())
          .allSatisfy(c -> assertThat(c.getImage()).as(job.name()).isEqualTo(image));
    }
  }

  @Test
  void theSecretsTheExampleJobsReadAreInTheirPodsNamespace() throws IOException {
    apply();
    for (Job job : ExampleJobs.config().jobs()) {
      for (Container container : job.spec().orElseThrow().getContainers()) {
        for (EnvVar env : container.getEnv()) {
          if (env.getValueFrom() != null && env.getValueFrom().getSecretKeyRef() != null) {
            var ref = env.getValueFrom().getSecretKeyRef();
            assertThat(secret(NewRuns.DEFAULT_NAMESPACE, ref.getName()))
                .as("%s: %s", job.name(), env.getName())
                .containsKey(ref.getKey());
          }
        }
      }
    }
  }

  @Test
  void everyBindingNamesARoleAndTheServiceAccountThere() throws IOException {
    List<HasMetadata> objects = apply();
    Set<String> namespaces = new TreeSet<>();
    objects.stream()
        .filter(Namespace.class::isInstance)
        .forEach(n -> namespaces.add(n.getMetadata().getName()));
    for (HasMetadata object : objects) {
      if (object instanceof RoleBinding binding) {
        String ns = binding.getMetadata().getNamespace();
        assertThat(
                client
                    .rbac()
                    .roles()
                    .inNamespace(ns)
                    .withName(binding.getRoleRef().getName())
                    .get())
            .as(binding.getMetadata().getName())
            .isNotNull();
        binding
            .getSubjects()
            .forEach(
                s ->
                    assertThat(
                            client
                                .serviceAccounts()
                                .inNamespace(s.getNamespace())
                                .withName(s.getName())
                                .get())
                        .isNotNull());
      }
      String ns = object.getMetadata().getNamespace();
      if (ns != null && !ns.equals("prow")) { // prow is Prow's own namespace
        assertThat(namespaces)
            .as("%s %s", object.getKind(), object.getMetadata().getName())
            .contains(ns);
      }
    }
  }

  /**
   * The executors' every kind of call (start, adopt, observe to the end with log and events,
   * revival, abort, clean-up; a ProwJob created, read, aborted), recorded on the mock server, is
   * what the roles allow, and the roles allow nothing more.
   */
  @Test
  void theRolesAllowExactlyWhatTheExecutorsCall() throws Exception {
    List<HasMetadata> objects = apply();
    Set<String> allowed = new TreeSet<>();
    for (HasMetadata object : objects) {
      if (object instanceof Role role) {
        role.getRules()
            .forEach(
                rule ->
                    rule.getApiGroups()
                        .forEach(
                            group ->
                                rule.getResources()
                                    .forEach(
                                        resource ->
                                            rule.getVerbs()
                                                .forEach(
                                                    verb ->
                                                        allowed.add(
                                                            call(
                                                                role.getMetadata().getNamespace(),
                                                                group,
                                                                resource,
                                                                verb))))));
      }
    }
    try (InputStream in =
        Files.newInputStream(
            SharedData.path("prow/artifacts/prowjob-cr/prowjob_customresourcedefinition.yaml"))) {
      client
          .apiextensions()
          .v1()
          .customResourceDefinitions()
          .resource(new KubernetesSerialization().unmarshal(in, CustomResourceDefinition.class))
          .create();
    }

    Config config =
        new ConfigBuilder(client.getConfiguration()).withUserAgent(EXECUTOR_AGENT).build();
    try (KubernetesClient executorClient =
        new KubernetesClientBuilder().withConfig(config).build()) {
      exercise(executorClient);
    }

    assertThat(executorCalls()).isEqualTo(allowed);
  }

  private void exercise(KubernetesClient executorClient) {
    KubernetesExecutor kubernetes =
        new KubernetesExecutor(
            executorClient, db.dsl(), run -> builds.resolve(run.id()), Clock.systemUTC());
    NewRuns newRuns = new NewRuns(new BuildIds(Clock.systemUTC(), 1), Clock.systemUTC());
    Job gate = ExampleJobs.job("ci-snoop-conformance-gate");

    JobRun run = stored(newRuns.triggered(gate, Optional.empty(), "kubernetes", Optional.empty()));
    kubernetes.start(run);
    kubernetes.start(run); // adopted
    run = run.withState(JobState.PENDING, "Job triggered.");
    kubernetes.observe(run);
    playKubelet(run, "Succeeded", null);
    kubernetes.observe(run);
    kubernetes.cleanUp(run.completed(JobState.SUCCESS, "Job succeeded.", java.time.Instant.now()));

    JobRun evicted =
        stored(newRuns.triggered(gate, Optional.empty(), "kubernetes", Optional.empty()))
            .withState(JobState.PENDING, "Job triggered.");
    kubernetes.start(evicted);
    playKubelet(evicted, "Failed", "Evicted");
    kubernetes.observe(evicted);
    kubernetes.observe(evicted);
    kubernetes.abort(evicted);

    ProwExecutor prow = new ProwExecutor(executorClient, "prow");
    JobRun handed = newRuns.triggered(gate, Optional.empty(), "prow", Optional.empty());
    prow.start(handed);
    prow.observe(handed);
    prow.abort(handed.withState(JobState.ABORTED, "Aborted by user."));
  }

  /** The calls of the executors' client, as "namespace group resource verb". */
  private Set<String> executorCalls() throws InterruptedException {
    Set<String> calls = new TreeSet<>();
    Pattern path =
        Pattern.compile(
            "/(?:api/v1|apis/([^/]+)/[^/]+)/namespaces/([^/]+)/([^/?]+)(?:/([^/?]+))?(?:/([^/?]+))?(\\?.*)?");
    int count = server.getRequestCount();
    for (int i = 0; i < count; i++) {
      RecordedRequest request = server.takeRequest(1, TimeUnit.SECONDS);
      if (request == null || !EXECUTOR_AGENT.equals(request.getHeader("User-Agent"))) {
        continue;
      }
      if (DISCOVERY.matcher(request.getPath()).matches()) {
        continue; // API discovery: every authenticated user may (system:discovery)
      }
      Matcher m = path.matcher(request.getPath());
      assertThat(m.matches()).as(request.getPath()).isTrue();
      String group = m.group(1) == null ? "" : m.group(1);
      String resource = m.group(3) + (m.group(5) == null ? "" : "/" + m.group(5));
      boolean named = m.group(4) != null;
      String query = m.group(6) == null ? "" : m.group(6);
      String verb =
          switch (request.getMethod()) {
            case "GET" -> named ? "get" : query.contains("watch=true") ? "watch" : "list";
            case "POST" -> "create";
            case "PUT" -> "update";
            case "PATCH" -> "patch";
            case "DELETE" -> named ? "delete" : "deletecollection";
            default -> request.getMethod();
          };
      calls.add(call(m.group(2), group, resource, verb));
    }
    return calls;
  }

  private static String call(String namespace, String group, String resource, String verb) {
    return namespace + " " + (group.isEmpty() ? "core" : group) + " " + resource + " " + verb;
  }

  private JobRun stored(JobRun run) {
    JobStore.insert(db.dsl(), run);
    return run;
  }

  private void playKubelet(JobRun run, String phase, String reason) {
    client
        .pods()
        .inNamespace(NewRuns.DEFAULT_NAMESPACE)
        .withName(run.id())
        .editStatus(
            p -> {
              p.setStatus(
                  new io.fabric8.kubernetes.api.model.PodStatusBuilder()
                      .withPhase(phase)
                      .withReason(reason)
                      .addNewContainerStatus()
                      .withName("test")
                      .withNewState()
                      .withNewTerminated()
                      .withExitCode(0)
                      .withFinishedAt("2026-12-04T18:00:00Z")
                      .endTerminated()
                      .endState()
                      .endContainerStatus()
                      .build());
              return p;
            });
  }

  /** Every manifest of deploy/kubernetes, applied to the mock server. */
  private List<HasMetadata> apply() throws IOException {
    List<HasMetadata> objects = new ArrayList<>();
    JsonNode kustomization = YAML.readTree(deploy().resolve("kustomization.yaml").toFile());
    for (JsonNode file : kustomization.path("resources")) {
      try (InputStream in = Files.newInputStream(deploy().resolve(file.asString()))) {
        for (HasMetadata object : client.load(in).items()) {
          client.resource(object).create();
          objects.add(object);
        }
      }
    }
    return objects;
  }

  /** A secret's keys and values (stringData as the API server would store it). */
  private Map<String, String> secret(String namespace, String name) {
    Secret secret = client.secrets().inNamespace(namespace).withName(name).get();
    Map<String, String> values = new HashMap<>();
    if (secret == null) {
      return values;
    }
    if (secret.getStringData() != null) {
      values.putAll(secret.getStringData());
    }
    if (secret.getData() != null) {
      secret
          .getData()
          .forEach(
              (k, v) ->
                  values.put(
                      k,
                      new String(java.util.Base64.getDecoder().decode(v), StandardCharsets.UTF_8)));
    }
    return values;
  }

  /**
   * The files the container sees from its config map and secret volumes: each mount's path, and
   * under it each key, with its text.
   */
  private Map<Path, Map<String, String>> mountedKeys(String ns, PodSpec pod, Container container) {
    Map<Path, Map<String, String>> mounted = new HashMap<>();
    for (VolumeMount mount : container.getVolumeMounts()) {
      Volume volume =
          pod.getVolumes().stream()
              .filter(v -> v.getName().equals(mount.getName()))
              .findFirst()
              .orElseThrow(() -> new AssertionError("no volume " + mount.getName()));
      Map<String, String> keys = new HashMap<>();
      if (volume.getConfigMap() != null) {
        keys.putAll(
            client
                .configMaps()
                .inNamespace(ns)
                .withName(volume.getConfigMap().getName())
                .get()
                .getData());
      } else if (volume.getSecret() != null) {
        keys.putAll(secret(ns, volume.getSecret().getSecretName()));
      } else {
        continue;
      }
      Path dir = Path.of(mount.getMountPath());
      mounted.put(dir, keys);
      keys.forEach((key, text) -> mounted.put(dir.resolve(key), Map.of(key, text)));
    }
    return mounted;
  }

  /** {@code --name=value} options of the container's args. */
  private static Map<String, String> options(List<String> args) {
    Map<String, String> options = new HashMap<>();
    for (String arg : args) {
      if (arg.startsWith("--") && arg.contains("=")) {
        options.put(arg.substring(0, arg.indexOf('=')), arg.substring(arg.indexOf('=') + 1));
      }
    }
    return options;
  }

  private static Path deploy() {
    return projectRoot().resolve("deploy/kubernetes");
  }

  private static Path projectRoot() {
    return ExampleJobs.directory().getParent().getParent();
  }
}
