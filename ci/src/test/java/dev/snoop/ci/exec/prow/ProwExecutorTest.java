package dev.snoop.ci.exec.prow;

import static org.assertj.core.api.Assertions.assertThat;

import dev.snoop.ci.exec.Executor.Observation;
import dev.snoop.ci.run.BuildIds;
import dev.snoop.ci.run.ExampleJobs;
import dev.snoop.ci.run.JobRun;
import dev.snoop.ci.run.JobState;
import dev.snoop.ci.run.NewRuns;
import dev.snoop.ci.run.Refs;
import dev.snoop.db.testing.SharedData;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinition;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;
import tools.jackson.dataformat.yaml.YAMLMapper;

/** The Prow executor against fabric8's mock API server (CRUD) with Prow's real ProwJob CRD. */
@EnableKubernetesMockClient(crud = true)
class ProwExecutorTest {
  private static final String NS = "prow";
  private static final JsonMapper JSON = JsonMapper.builder().build();
  private static final YAMLMapper YAML = YAMLMapper.builder().build();
  private static final KubernetesSerialization SERIALIZATION = new KubernetesSerialization();

  private static CustomResourceDefinition crd;
  private static CrdSchema schema;

  KubernetesClient client;

  private final NewRuns newRuns =
      new NewRuns(new BuildIds(Clock.systemUTC(), 1), Clock.systemUTC());
  private ProwExecutor executor;

  @BeforeAll
  static void readCrd() throws IOException {
    Path file = SharedData.path("prow/artifacts/prowjob-cr/prowjob_customresourcedefinition.yaml");
    try (InputStream in = Files.newInputStream(file)) {
      crd = SERIALIZATION.unmarshal(in, CustomResourceDefinition.class);
    }
    schema =
        new CrdSchema(
            YAML.readTree(file.toFile())
                .path("spec")
                .path("versions")
                .get(0)
                .path("schema")
                .path("openAPIV3Schema"));
  }

  @BeforeEach
  void setUp() {
    client.apiextensions().v1().customResourceDefinitions().resource(crd).create();
    executor = new ProwExecutor(client, NS);
  }

  @Test
  void startCreatesAProwJobThatFitsProwsCrd() {
    JobRun run = presubmit();

    assertThat(executor.start(run)).isEqualTo(run.id());

    GenericKubernetesResource created = prowJob(run);
    JsonNode doc = JSON.readTree(SERIALIZATION.asJson(created));
    assertThat(schema.problems(doc)).isEmpty();
    assertThat(doc.path("metadata").path("namespace").asString()).isEqualTo(NS);
    assertThat(doc.path("metadata").path("labels").path("prow.k8s.io/refs.pull").asString())
        .isEqualTo("3297");
    assertThat(doc.path("spec").path("job").asString()).isEqualTo("pull-k8s-conformance-verify");
    assertThat(doc.path("spec").path("refs").path("pulls").get(0).path("sha").asString())
        .isEqualTo("bbb222");
    assertThat(doc.path("status").path("state").asString()).isEqualTo("triggered");
    assertThat(doc.path("status").path("build_id").asString()).isEqualTo(run.buildIdText());
    assertThat(executor.observe(run)).isInstanceOf(Observation.Running.class);
  }

  @Test
  void everyExampleJobMakesAProwJobThatFitsTheCrd() {
    for (var job : ExampleJobs.config().jobs()) {
      JobRun run = newRuns.triggered(job, Optional.empty(), "prow", Optional.empty());
      executor.start(run);
      assertThat(schema.problems(JSON.readTree(SERIALIZATION.asJson(prowJob(run)))))
          .as(job.name())
          .isEmpty();
    }
  }

  @Test
  void theSchemaCheckAcceptsProwsValidExamplesAndFindsWhatTheApiServerWouldRefuse()
      throws IOException {
    for (String valid : List.of("valid_prowjob.yaml", "valid_bare_prowjob.yaml")) {
      assertThat(schema.problems(example(valid))).as(valid).isEmpty();
    }
    // invalid_prowjob.yaml fits the schema: Prow's admission webhook refuses it (a kubernetes
    // agent on a build cluster Prow does not know), which no schema can say
    assertThat(schema.problems(example("invalid_prowjob.yaml"))).isEmpty();

    ObjectNode broken = (ObjectNode) example("valid_prowjob.yaml");
    ((ObjectNode) broken.get("spec")).put("type", "nightly");
    ((ObjectNode) broken.get("spec")).remove("job");
    ObjectNode status = broken.putObject("status");
    status.put("state", "success");
    status.put("pod_revival_count", "one");
    assertThat(schema.problems(broken))
        .anySatisfy(p -> assertThat(p).startsWith(".spec.type: \"nightly\" is not one of"))
        .anySatisfy(p -> assertThat(p).isEqualTo(".spec: required field job is missing"))
        .anySatisfy(p -> assertThat(p).startsWith(".status: fits none of anyOf"))
        .anySatisfy(p -> assertThat(p).startsWith(".status.pod_revival_count: not a integer"));
  }

  @Test
  void anEngineStartedAgainAdoptsTheProwJobAlreadyThere() {
    JobRun run = presubmit();
    executor.start(run);
    String uid = prowJob(run).getMetadata().getUid();

    assertThat(new ProwExecutor(client, NS).start(run)).isEqualTo(run.id());

    assertThat(
            client
                .genericKubernetesResources("prow.k8s.io/v1", "ProwJob")
                .inNamespace(NS)
                .list()
                .getItems())
        .hasSize(1);
    assertThat(prowJob(run).getMetadata().getUid()).isEqualTo(uid);
  }

  @Test
  void theRunFollowsTheProwJobsStateAndEndsOnlyWithItsCompletionTime() {
    JobRun run = presubmit();
    executor.start(run);

    setStatus(run, Map.of("state", "pending", "description", "Job triggered."));
    assertThat(executor.observe(run)).isEqualTo(new Observation.Running("pending: Job triggered."));

    setStatus(run, Map.of("state", "failure", "description", "Job failed."));
    assertThat(executor.observe(run)).isInstanceOf(Observation.Running.class);

    setStatus(
        run,
        Map.of(
            "state",
            "failure",
            "description",
            "Job failed.",
            "completionTime",
            "2026-12-04T18:00:00Z"));
    assertThat(executor.observe(run))
        .isEqualTo(new Observation.Finished(JobState.FAILURE, "Job failed."));
  }

  @Test
  void abortSetsTheProwJobsStateToAbortedAsDeckDoes() {
    JobRun run = presubmit();
    executor.start(run);
    JobRun aborting = run.withState(JobState.ABORTED, "Aborted by trigger plugin.");

    executor.abort(aborting);

    JsonNode status = JSON.readTree(SERIALIZATION.asJson(prowJob(run))).path("status");
    assertThat(status.path("state").asString()).isEqualTo("aborted");
    assertThat(status.path("description").asString()).isEqualTo("Aborted by trigger plugin.");
    assertThat(status.has("completionTime"))
        .as("plank completes it once the pod is gone")
        .isFalse();
    assertThat(executor.observe(aborting)).isInstanceOf(Observation.Running.class);
  }

  @Test
  void aProwJobDeletedUnderTheRunIsMissing() {
    JobRun run = presubmit();
    executor.start(run);
    client
        .genericKubernetesResources("prow.k8s.io/v1", "ProwJob")
        .inNamespace(NS)
        .withName(run.id())
        .delete();

    assertThat(executor.observe(run)).isInstanceOf(Observation.Missing.class);
  }

  private JobRun presubmit() {
    Refs refs =
        new Refs(
            "cncf",
            "k8s-conformance",
            "master",
            Optional.of("aaa111"),
            List.of(new Refs.Pull(3297, "vendor", "bbb222", Optional.of("v1.34 acme"))));
    return newRuns.triggered(
        ExampleJobs.job("pull-k8s-conformance-verify"),
        Optional.of(refs),
        "prow",
        Optional.of("g"));
  }

  private GenericKubernetesResource prowJob(JobRun run) {
    GenericKubernetesResource prowJob =
        client
            .genericKubernetesResources("prow.k8s.io/v1", "ProwJob")
            .inNamespace(NS)
            .withName(run.id())
            .get();
    assertThat(prowJob).as("ProwJob %s", run.id()).isNotNull();
    return prowJob;
  }

  /** Plays Prow's plank. */
  private void setStatus(JobRun run, Map<String, Object> status) {
    client
        .genericKubernetesResources("prow.k8s.io/v1", "ProwJob")
        .inNamespace(NS)
        .withName(run.id())
        .edit(
            pj -> {
              pj.getAdditionalProperties().put("status", new java.util.HashMap<>(status));
              return pj;
            });
  }

  private static JsonNode example(String name) throws IOException {
    return YAML.readTree(SharedData.path("prow/artifacts/prowjob-cr/" + name).toFile());
  }
}
