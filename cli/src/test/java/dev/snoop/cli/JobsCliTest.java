package dev.snoop.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import dev.snoop.db.testing.SharedData;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code snoop jobs check|list|triggered} on the real job files. The expected values of {@code
 * list} are derived here by another route: the job table computed with PyYAML beside the data
 * (JOBS.tsv), and the job files read with plain Jackson 2 with Prow's documented defaults applied
 * by hand.
 */
class JobsCliTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final YAMLMapper YAML = new YAMLMapper();

  @TempDir Path dir;

  private static SnoopRun snoop(String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    int exit = Main.run(new PrintWriter(out, true), new PrintWriter(err, true), args);
    return new SnoopRun(exit, out.toString(), err.toString());
  }

  private static Path data(String relative) {
    return SharedData.path("prow/" + relative);
  }

  /** The four repositories' job roots, as Prow's --job-config-path would take each. */
  private static List<String> configArgs() {
    List<String> args = new ArrayList<>();
    for (String root :
        List.of(
            "jobs/kubernetes+test-infra/config/jobs",
            "jobs/istio+test-infra",
            "jobs/knative+infra",
            "jobs/jetstack+testing")) {
      args.add("--config");
      args.add(data(root).toString());
    }
    return args;
  }

  @Test
  void checkPassesOnTheRealFiles() {
    List<String> args = new ArrayList<>(List.of("jobs", "check"));
    configArgs().stream().filter(a -> !a.equals("--config")).forEach(args::add);
    SnoopRun run = snoop(args.toArray(String[]::new));
    assertThat(run.exit()).as(run.out() + run.err()).isZero();
    assertThat(run.out()).isEqualTo("71 jobs in 15 files: valid\n");
    assertThat(run.err()).contains("not acted on").contains("cluster in 58 jobs");
  }

  @Test
  void checkListsEveryProblemAndExits2() throws IOException {
    Path file = dir.resolve("bad.yaml");
    Files.writeString(
        file,
        "periodics:\n- name: ci-a\n  intervall: 1h\n  spec: {containers: [{image: a}]}\n"
            + "- name: ci-b\n  cron: 'not cron'\n  spec: {containers: [{image: a}]}\n");
    SnoopRun run = snoop("jobs", "check", file.toString());
    assertThat(run.exit()).isEqualTo(2);
    assertThat(run.out())
        .contains(file + ": job ci-a: intervall: unknown field")
        .contains(file + ": job ci-b: cron: invalid cron \"not cron\"")
        .contains("1 job in 1 file: 2 problems");
  }

  @Test
  void listMatchesTheJobTableAndProwsDocumentedDefaults() throws IOException {
    List<String> args = new ArrayList<>(List.of("jobs", "list", "--format", "json"));
    args.addAll(configArgs());
    args.addAll(
        List.of(
            "--prow-config",
            data("jobs/kubernetes+test-infra/config/prow/config.yaml").toString()));
    SnoopRun run = snoop(args.toArray(String[]::new));
    assertThat(run.exit()).as(run.err()).isZero();
    Map<String, JsonNode> listed = new HashMap<>();
    for (JsonNode job : JSON.readTree(run.out())) {
      listed.put(
          job.path("type").asText()
              + " "
              + job.path("repo").asText("")
              + " "
              + job.path("name").asText(),
          job);
    }

    List<String> rows = Files.readAllLines(data("JOBS.tsv"));
    int checked = 0;
    for (String row : rows.subList(2, rows.size())) {
      String[] c = row.split("\t", -1);
      String type = c[1];
      String repo = c[2];
      JsonNode job = listed.get(type + " " + repo + " " + c[3]);
      assertThat(job).as(row).isNotNull();
      assertThat(job.has("repo")).isEqualTo(!type.equals("periodic"));
      String schedule = c[4];
      if (type.equals("periodic")) {
        String kind = schedule.substring(0, schedule.indexOf('='));
        assertThat(job.path(kind).asText())
            .as(row)
            .isEqualTo(schedule.substring(schedule.indexOf('=') + 1));
      }
      String condition = c[5];
      if (condition.startsWith("run_if_changed=")) {
        assertThat(job.path("run_if_changed").asText()).isEqualTo(condition.substring(15));
      } else if (condition.startsWith("skip_if_only_changed=")) {
        assertThat(job.path("skip_if_only_changed").asText()).isEqualTo(condition.substring(21));
      }
      if (!type.equals("periodic")) {
        // documented: presubmits run automatically only with always_run; postsubmits by default
        boolean expectedAlwaysRun =
            condition.equals("always_run")
                || (type.equals("postsubmit") && condition.isEmpty() && !explicitlyFalse(job));
        assertThat(job.path("always_run").asBoolean()).as(row).isEqualTo(expectedAlwaysRun);
        assertThat(JSON.writeValueAsString(job.path("branches")))
            .as(row)
            .isEqualTo(c[6].replace(", ", ","));
        assertThat(JSON.writeValueAsString(job.path("skip_branches")))
            .as(row)
            .isEqualTo(c[7].replace(", ", ","));
      }
      assertThat(job.path("decorate").asBoolean()).isEqualTo(c[8].equals("True"));
      checked++;
    }
    assertThat(checked).isEqualTo(71).isEqualTo(listed.size());

    // every job again, from the YAML read with plain Jackson 2 and the defaults of Prow's docs
    int fromYaml = 0;
    for (JsonNode job : listed.values()) {
      JsonNode yaml = yamlOf(job);
      String name = job.path("name").asText();
      String type = job.path("type").asText();
      if (!type.equals("periodic")) {
        assertThat(job.path("context").asText()).isEqualTo(yaml.path("context").asText(name));
        assertThat(job.path("skip_report").asBoolean())
            .isEqualTo(yaml.path("skip_report").asBoolean(false));
      }
      if (type.equals("presubmit")) {
        assertThat(job.path("rerun_command").asText())
            .isEqualTo(yaml.path("rerun_command").asText("/test " + name));
        assertThat(job.path("optional").asBoolean())
            .isEqualTo(yaml.path("optional").asBoolean(false));
        // the trigger, whatever its text, answers the rerun command, and the default one "/test
        // NAME"
        Pattern trigger = Pattern.compile(job.path("trigger").asText());
        assertThat(trigger.matcher(job.path("rerun_command").asText()).find()).as(name).isTrue();
        if (!yaml.has("trigger")) {
          assertThat(trigger.matcher("/test " + name).find()).isTrue();
          assertThat(trigger.matcher("/test " + name + "-other").find()).isFalse();
        }
      }
      assertThat(job.path("max_concurrency").asInt())
          .isEqualTo(yaml.path("max_concurrency").asInt(0));
      // timeout: the job's decoration_config.timeout, else plank's default of prow.k8s.io (2h)
      assertThat(job.path("timeout").asLong())
          .as(name)
          .isEqualTo(seconds(yaml.path("decoration_config").path("timeout").asText("2h")));
      assertThat(job.path("annotations"))
          .isEqualTo(
              yaml.path("annotations").isMissingNode()
                  ? JSON.createObjectNode()
                  : yaml.path("annotations"));
      fromYaml++;
    }
    assertThat(fromYaml).isEqualTo(71);
  }

  private static boolean explicitlyFalse(JsonNode listed) throws IOException {
    return yamlOf(listed).path("always_run").asText("").equals("false");
  }

  /** The job's own YAML, found by name, type and repo in its file. */
  private static JsonNode yamlOf(JsonNode listed) throws IOException {
    JsonNode file = YAML.readTree(Path.of(listed.path("file").asText()).toFile());
    String type = listed.path("type").asText();
    JsonNode jobs =
        type.equals("periodic")
            ? file.path("periodics")
            : file.path(type + "s").path(listed.path("repo").asText());
    for (JsonNode job : jobs) {
      if (job.path("name").asText().equals(listed.path("name").asText())) {
        return job;
      }
    }
    throw new AssertionError("not in its file: " + listed);
  }

  /** A Go duration of hours, minutes and seconds (all the real files use), in seconds. */
  private static long seconds(String duration) {
    Matcher m = Pattern.compile("(\\d+)([hms])").matcher(duration);
    long total = 0;
    while (m.find()) {
      long n = Long.parseLong(m.group(1));
      total +=
          switch (m.group(2)) {
            case "h" -> n * 3600;
            case "m" -> n * 60;
            default -> n;
          };
    }
    return total;
  }

  @Test
  void listAsATable() {
    SnoopRun run =
        snoop(
            "jobs",
            "list",
            "--config",
            data("jobs/kubernetes+test-infra/config/jobs/kubernetes/sig-arch").toString());
    assertThat(run.exit()).isZero();
    assertThat(run.out().lines().findFirst().orElseThrow())
        .startsWith("NAME")
        .contains("TYPE", "REPO", "RUNS");
    assertThat(run.out())
        .containsPattern("apisnoop-conformance-gate +periodic +- +every 3h")
        .containsPattern(
            "pull-kubernetes-audit-kind-conformance +presubmit +kubernetes/kubernetes +run_if_changed");
  }

  @Test
  void listOfAnInvalidConfigIsAUserError() throws IOException {
    Path file = dir.resolve("bad.yaml");
    Files.writeString(file, "periodics:\n- name: ci-a\n  spec: {containers: [{image: a}]}\n");
    SnoopRun run = snoop("jobs", "list", "--config", file.toString());
    assertThat(run.exit()).isEqualTo(2);
    assertThat(run.err())
        .contains("ERROR: 1 problem in the job config")
        .contains("job ci-a: cron:");
  }

  @Test
  void triggeredByAPush() throws IOException {
    List<String> args =
        new ArrayList<>(
            List.of(
                "jobs",
                "triggered",
                "--event",
                "push",
                "--format",
                "json",
                "--payload",
                data("webhooks/prow-phony/push.json").toString()));
    args.addAll(configArgs());
    SnoopRun run = snoop(args.toArray(String[]::new));
    assertThat(run.exit()).as(run.err()).isZero();
    JsonNode decision = JSON.readTree(run.out());
    assertThat(decision.path("started")).hasSize(1);
    assertThat(decision.path("started").get(0).path("name").asText())
        .isEqualTo("post-test-infra-test-all");
    assertThat(decision.path("started").get(0).path("reason").asText())
        .contains("no change filter");
  }

  @Test
  void triggeredByACommentFromATrustedUser() {
    List<String> args =
        new ArrayList<>(
            List.of(
                "jobs",
                "triggered",
                "--event",
                "issue_comment",
                "--payload",
                data("webhooks/prow-phony/test_comment.json").toString(),
                "--comment",
                "/retest",
                "--failed",
                "pull-test-infra-verify-lint",
                "--trusted",
                "--changed-file",
                "README.md"));
    args.addAll(configArgs());
    SnoopRun run = snoop(args.toArray(String[]::new));
    assertThat(run.exit()).as(run.err()).isZero();
    assertThat(run.out())
        .contains(
            "pull-test-infra-verify-lint: always_run (/retest: its context"
                + " pull-test-infra-verify-lint is failure)")
        // an automatic job that has no status yet runs on /retest too
        .contains("pull-test-infra-unit-test: always_run (/retest: it has not reported yet)")
        .contains("2 started:");
  }

  @Test
  void triggeredNeedsTrustOrOkToTest() {
    List<String> args =
        new ArrayList<>(
            List.of(
                "jobs",
                "triggered",
                "--event",
                "issue_comment",
                "--payload",
                data("webhooks/prow-phony/test_comment.json").toString(),
                "--comment",
                "/test all"));
    args.addAll(configArgs());
    SnoopRun run = snoop(args.toArray(String[]::new));
    assertThat(run.exit()).isZero();
    assertThat(run.out()).contains("0 started:").contains("/ok-to-test");
  }

  @Test
  void aPayloadOfTheWrongEventIsAUserError() {
    List<String> args =
        new ArrayList<>(
            List.of(
                "jobs",
                "triggered",
                "--event",
                "pull_request",
                "--payload",
                data("webhooks/prow-phony/push.json").toString()));
    args.addAll(configArgs());
    SnoopRun run = snoop(args.toArray(String[]::new));
    assertThat(run.exit()).isEqualTo(2);
    assertThat(run.err()).contains("push.json: the payload has no pull_request object");
  }
}
