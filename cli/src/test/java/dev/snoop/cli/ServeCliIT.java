package dev.snoop.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.snoop.db.Database;
import dev.snoop.db.testing.MigratedDatabase;
import dev.snoop.db.testing.SharedData;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code snoop up --serve} in a process of its own: it runs README's main job, prints the URL, and
 * serves the API and APISnoop's files over what the job loaded until it is stopped.
 */
@ExtendWith(MigratedDatabase.class)
class ServeCliIT {
  private static final ObjectMapper JSON = new ObjectMapper();

  @Test
  void upServeRunsTheJobThenServesItsCoverage(Database database, @TempDir Path temp)
      throws Exception {
    List<String> command = new ArrayList<>(SnoopRun.processCommand());
    command.addAll(List.of("--db-url", database.jdbcUrl(), "--cache-dir", temp.toString()));
    command.addAll(
        List.of(
            "up",
            "--offline",
            "--release",
            "1.33.0",
            "--releases",
            data("apisnoop-coverage/releases.yaml"),
            "--spec",
            data("openapi/v1.33.0/swagger.json"),
            "--level-rule",
            "apisnoop",
            "--conformance",
            data("conformance-yaml/v1.33.yaml"),
            "--ineligible",
            data("apisnoop-coverage/ineligible_endpoints.json"),
            "--audit",
            data("audit/derived-apisnoop-replay/replay-1.33.0.jsonl"),
            "--serve",
            "--listen",
            "127.0.0.1:0"));
    Process snoop =
        new ProcessBuilder(command).redirectError(temp.resolve("stderr.txt").toFile()).start();
    try {
      String url = null;
      BufferedReader out =
          new BufferedReader(new InputStreamReader(snoop.getInputStream(), StandardCharsets.UTF_8));
      for (String line = out.readLine(); line != null; line = out.readLine()) {
        if (line.startsWith("snoop serves ")) {
          url = line.substring("snoop serves ".length());
          break;
        }
      }
      assertThat(url).as("the URL printed").startsWith("http://127.0.0.1:");
      HttpClient http = HttpClient.newHttpClient();
      JsonNode coverage =
          JSON.readTree(
              http.send(
                      HttpRequest.newBuilder(URI.create(url + "api/releases/latest/coverage"))
                          .build(),
                      HttpResponse.BodyHandlers.ofString())
                  .body());
      // README's numbers for this job: 843 endpoints, 484 tested.
      assertThat(coverage.path("release").asText()).isEqualTo("1.33.0");
      assertThat(coverage.path("all").path("endpoints").asInt()).isEqualTo(843);
      assertThat(coverage.path("all").path("tested").asInt()).isEqualTo(484);
      HttpResponse<String> releases =
          http.send(
              HttpRequest.newBuilder(URI.create(url + "apisnoop/releases.yaml")).build(),
              HttpResponse.BodyHandlers.ofString());
      assertThat(releases.statusCode()).isEqualTo(200);
      assertThat(releases.body()).contains("1.33.0").contains("2025-04-23");
      assertThat(snoop.isAlive()).isTrue();
    } finally {
      snoop.destroy();
      assertThat(snoop.waitFor(30, TimeUnit.SECONDS)).as("stopped on SIGTERM").isTrue();
    }
  }

  private static String data(String relative) {
    return SharedData.path(relative).toString();
  }
}
