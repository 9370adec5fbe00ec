package dev.snoop.ci.run;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.node.ObjectNode;

class ProwJobDocumentTest {
  @Test
  void aRunIsAProwJobWithProwsMixedCaseStatus() {
    JobRun run =
        new NewRuns(new BuildIds(Clock.systemUTC(), 0), Clock.systemUTC())
            .triggered(
                ExampleJobs.job("ci-snoop-conformance-gate"),
                Optional.empty(),
                "local",
                Optional.empty());
    ObjectNode doc = ProwJobDocument.of(run, "default");

    assertThat(doc.path("apiVersion").asString()).isEqualTo("prow.k8s.io/v1");
    assertThat(doc.path("kind").asString()).isEqualTo("ProwJob");
    assertThat(doc.path("metadata").path("name").asString()).isEqualTo(run.id());
    assertThat(doc.path("metadata").path("annotations").path("testgrid-dashboards").isString())
        .isTrue();
    assertThat(doc.path("spec").path("type").asString()).isEqualTo("periodic");
    assertThat(doc.path("spec").path("job").asString()).isEqualTo("ci-snoop-conformance-gate");
    assertThat(doc.path("spec").path("pod_spec").path("containers").isArray()).isTrue();
    assertThat(doc.path("status").path("state").asString()).isEqualTo("triggered");
    assertThat(doc.path("status").path("startTime").asString()).endsWith("Z");
    assertThat(doc.path("status").path("build_id").asString()).isEqualTo(run.buildIdText());
  }
}
