package dev.snoop.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/** The Kubernetes Deployment runs a snoop command line that this snoop accepts. */
class DeploymentArgsTest {
  private static Path deployment() {
    String root = System.getProperty("snoop.project.root", "");
    return (root.isBlank() || root.startsWith("${") ? Path.of("..") : Path.of(root))
        .resolve("deploy/kubernetes/deployment.yaml");
  }

  @Test
  void theDeploymentsArgumentsParseAsServeWithTheEngineOnKubernetes() throws IOException {
    JsonNode deployment = new ObjectMapper(new YAMLFactory()).readTree(deployment().toFile());
    List<String> args = new ArrayList<>();
    deployment
        .path("spec")
        .path("template")
        .path("spec")
        .path("containers")
        .path(0)
        .path("args")
        .forEach(a -> args.add(a.asText()));
    assertThat(args).first().isEqualTo("serve");

    CommandLine cli = new CommandLine(new SnoopCommand());
    CommandLine.ParseResult parsed = cli.parseArgs(args.toArray(String[]::new));

    ServeCommand serve = (ServeCommand) parsed.subcommand().commandSpec().userObject();
    assertThat(serve.engine).isTrue();
    assertThat(serve.engineOptions.executor).isEqualTo("kubernetes");
    serve.engineOptions.checkExecutor();
    assertThat(serve.botOptions.github.tokenFile).isEqualTo(Path.of("/etc/snoop/github/token"));
    assertThat(serve.botOptions.github.webhookSecretFile)
        .isEqualTo(Path.of("/etc/snoop/github/webhook-secret"));
    assertThat(serve.jobConfig).containsExactly(Path.of("/etc/snoop/jobs"));
  }
}
