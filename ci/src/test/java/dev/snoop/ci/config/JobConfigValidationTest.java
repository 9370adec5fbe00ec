package dev.snoop.ci.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Every kind of problem Prow's loading and validation find, each naming file, job and field. */
class JobConfigValidationTest {
  @TempDir Path dir;

  private static final String SPEC =
      "    spec:\n      containers:\n      - image: alpine\n        command: [echo, hi]\n";

  /** The same spec, indented for a periodic. */
  private static final String PSPEC =
      "  spec:\n    containers:\n    - image: alpine\n      command: [echo, hi]\n";

  private Path write(String name, String yaml) throws IOException {
    Path file = dir.resolve(name);
    Files.createDirectories(file.getParent());
    Files.writeString(file, yaml);
    return file;
  }

  private List<Problem> problems(String yaml) throws IOException {
    return JobConfigLoader.load(List.of(write("jobs.yaml", yaml)), ProwSettings.NONE).problems();
  }

  private static Problem only(List<Problem> problems) {
    assertThat(problems).hasSize(1);
    return problems.get(0);
  }

  @Test
  void aValidFileHasNoProblem() throws IOException {
    String yaml =
        "presubmits:\n  org/repo:\n  - name: pull-unit\n    always_run: true\n    decorate: true\n"
            + SPEC
            + "postsubmits:\n  org/repo:\n  - name: post-unit\n"
            + SPEC
            + "periodics:\n- name: ci-unit\n  interval: 1h\n"
            + PSPEC;
    JobConfig config = JobConfigLoader.load(List.of(write("ok.yaml", yaml)), ProwSettings.NONE);
    assertThat(config.problems()).isEmpty();
    assertThat(config.jobs())
        .extracting(Job::name)
        .containsExactly("pull-unit", "post-unit", "ci-unit");
  }

  @Test
  void aJobQueueTakesItsCapacityFromPlankAndMustBeThere() throws IOException {
    String yaml = "periodics:\n- name: ci-scale\n  interval: 1h\n  job_queue_name: scale\n" + PSPEC;
    assertThat(only(problems(yaml)).toString())
        .endsWith(
            "job ci-scale: job_queue_name: scale takes its capacity from"
                + " plank.job_queue_capacities: give Prow's config.yaml");

    Path prow =
        write("config.yaml", "plank:\n  job_queue_capacities:\n    scale: 2\n    promo: 0\n");
    JobConfig config =
        JobConfigLoader.load(List.of(write("jobs.yaml", yaml)), ProwSettings.read(prow));
    assertThat(config.problems()).isEmpty();
    assertThat(config.jobs().get(0).queue()).contains(new Job.JobQueue("scale", 2));
    assertThat(config.ignored()).doesNotContainKey("job_queue_name");
    assertThat(JobListing.json(config.jobs()))
        .contains("\"job_queue_name\" : \"scale\"")
        .contains("\"job_queue_capacity\" : 2");

    JobConfig unknown =
        JobConfigLoader.load(
            List.of(write("other.yaml", yaml.replace("scale", "nightly"))),
            ProwSettings.read(prow));
    assertThat(only(unknown.problems()).toString())
        .endsWith("job ci-nightly: job_queue_name: nightly is not in plank.job_queue_capacities");
  }

  @Test
  void anUnknownJobFieldNamesFileJobAndField() throws IOException {
    Problem p =
        only(problems("presubmits:\n  org/repo:\n  - name: pull-x\n    alwys_run: true\n" + SPEC));
    assertThat(p.file()).isEqualTo(dir.resolve("jobs.yaml"));
    assertThat(p.job()).contains("pull-x");
    assertThat(p.field()).contains("alwys_run");
    assertThat(p.message()).isEqualTo("unknown field");
    assertThat(p.toString())
        .isEqualTo(dir.resolve("jobs.yaml") + ": job pull-x: alwys_run: unknown field");
  }

  @Test
  void aFieldOfAnotherJobTypeIsUnknown() throws IOException {
    Problem p =
        only(problems("presubmits:\n  org/repo:\n  - name: pull-x\n    cron: '@daily'\n" + SPEC));
    assertThat(p.field()).contains("cron");
  }

  @Test
  void unknownFieldsInsideThePodSpecAreAllFound() throws IOException {
    List<Problem> problems =
        problems(
            "periodics:\n- name: ci-x\n  interval: 1h\n  spec:\n    containers:\n    - image: a\n"
                + "      imagePullPolicyy: Always\n    - image: b\n      env:\n      - name: A\n"
                + "        valu: b\n    nodeSelectr: {}\n");
    assertThat(problems)
        .extracting(p -> p.field().orElseThrow())
        .containsExactlyInAnyOrder(
            "spec.containers[0].imagePullPolicyy",
            "spec.containers[1].env[0].valu",
            "spec.nodeSelectr");
    assertThat(problems).allSatisfy(p -> assertThat(p.job()).contains("ci-x"));
  }

  @Test
  void anUnknownFieldOfANestedProwObject() throws IOException {
    Problem p =
        only(
            problems(
                "periodics:\n- name: ci-x\n  interval: 1h\n  decoration_config:\n    timeout: 1h\n"
                    + "    graceperiod: 1m\n"
                    + PSPEC));
    assertThat(p.field()).contains("decoration_config.graceperiod");
  }

  @Test
  void anUnknownTopLevelKey() throws IOException {
    Problem p = only(problems("presubmit:\n  org/repo: []\n"));
    assertThat(p.job()).isEmpty();
    assertThat(p.field()).contains("presubmit");
  }

  @Test
  void aValueOfTheWrongType() throws IOException {
    List<Problem> problems =
        problems(
            "presubmits:\n  org/repo:\n  - name: pull-x\n    max_concurrency: many\n"
                + "    always_run: 'yes'\n    decoration_config: {timeout: 2 hours}\n"
                + SPEC);
    assertThat(problems)
        .extracting(p -> p.field().orElseThrow() + ": " + p.message())
        .containsExactlyInAnyOrder(
            "max_concurrency: must be an integer",
            "always_run: must be true or false",
            "decoration_config.timeout: invalid duration \"2 hours\"");
  }

  @Test
  void invalidYamlNamesTheFile() throws IOException {
    Problem p = only(problems("periodics:\n- name: a\n  name: b\n"));
    assertThat(p.job()).isEmpty();
    assertThat(p.message()).startsWith("not valid YAML").contains("name");
  }

  @Test
  void jobNamesMustMatchProwsPattern() throws IOException {
    Problem p = only(problems("periodics:\n- name: ci/bad name\n  interval: 1h\n" + PSPEC));
    assertThat(p.field()).contains("name");
    assertThat(p.message()).contains("^[A-Za-z0-9-._]+$");
  }

  @Test
  void maxConcurrencyMustNotBeNegative() throws IOException {
    Problem p =
        only(problems("periodics:\n- name: ci-x\n  interval: 1h\n  max_concurrency: -1\n" + PSPEC));
    assertThat(p.field()).contains("max_concurrency");
  }

  @Test
  void aPeriodicNeedsExactlyOneSchedule() throws IOException {
    String spec = PSPEC;
    assertThat(only(problems("periodics:\n- name: ci-x\n" + spec)).message())
        .contains("needs one of cron, interval or minimum_interval");
    assertThat(
            only(problems("periodics:\n- name: ci-x\n  cron: '@daily'\n  interval: 1h\n" + spec))
                .message())
        .contains("mutually exclusive");
    assertThat(
            only(problems(
                    "periodics:\n- name: ci-x\n  interval: 1h\n  minimum_interval: 1h\n" + spec))
                .message())
        .contains("mutually exclusive");
  }

  @Test
  void cronAndIntervalsMustParse() throws IOException {
    String spec = PSPEC;
    Problem cron = only(problems("periodics:\n- name: ci-x\n  cron: '61 * * * *'\n" + spec));
    assertThat(cron.field()).contains("cron");
    assertThat(only(problems("periodics:\n- name: ci-x\n  cron: '* * *'\n" + spec)).message())
        .contains("expected 5 or 6 fields");
    assertThat(only(problems("periodics:\n- name: ci-x\n  interval: 1d\n" + spec)).field())
        .contains("interval");
    assertThat(
            only(problems("periodics:\n- name: ci-x\n  minimum_interval: soon\n" + spec)).field())
        .contains("minimum_interval");
    assertThat(
            only(problems(
                    "periodics:\n- name: ci-x\n  interval: 1h\n  retry: {attempts: 2, interval: x}\n"
                        + spec))
                .field())
        .contains("retry.interval");
  }

  @Test
  void regularExpressionsMustCompileAsGoCompilesThem() throws IOException {
    assertThat(
            only(problems(
                    "presubmits:\n  org/repo:\n  - name: pull-x\n    run_if_changed: '(unclosed'\n"
                        + SPEC))
                .field())
        .contains("run_if_changed");
    // look-ahead is Java syntax, not Go's
    assertThat(
            only(problems(
                    "presubmits:\n  org/repo:\n  - name: pull-x\n    branches: ['^(?!release)']\n"
                        + SPEC))
                .message())
        .contains("not Go regular expression syntax");
    assertThat(
            only(problems(
                    "postsubmits:\n  org/repo:\n  - name: post-x\n    skip_branches: ['[']\n"
                        + SPEC))
                .field())
        .contains("skip_branches");
    assertThat(
            only(problems(
                    "presubmits:\n  org/repo:\n  - name: pull-x\n    trigger: '(?m)^/go('\n    rerun_command: /go\n"
                        + SPEC))
                .field())
        .contains("trigger");
  }

  @Test
  void triggerAndRerunCommandGoTogetherAndMustMatch() throws IOException {
    assertThat(
            only(problems(
                    "presubmits:\n  org/repo:\n  - name: pull-x\n    trigger: '(?m)^/go$'\n"
                        + SPEC))
                .message())
        .contains("must be set together");
    Problem mismatch =
        only(
            problems(
                "presubmits:\n  org/repo:\n  - name: pull-x\n    trigger: '(?m)^/go$'\n    rerun_command: /run\n"
                    + SPEC));
    assertThat(mismatch.field()).contains("rerun_command");
    assertThat(mismatch.message()).contains("does not match trigger");
  }

  @Test
  void alwaysRunExcludesChangeFilters() throws IOException {
    assertThat(
            only(problems(
                    "presubmits:\n  org/repo:\n  - name: pull-x\n    always_run: true\n    run_if_changed: a\n"
                        + SPEC))
                .message())
        .contains("mutually exclusive");
    assertThat(
            only(problems(
                    "postsubmits:\n  org/repo:\n  - name: post-x\n    always_run: true\n    skip_if_only_changed: a\n"
                        + SPEC))
                .message())
        .contains("mutually exclusive");
    assertThat(
            only(problems(
                    "presubmits:\n  org/repo:\n  - name: pull-x\n    run_if_changed: a\n    skip_if_only_changed: b\n"
                        + SPEC))
                .message())
        .contains("run_if_changed and skip_if_only_changed");
    // a postsubmit's always_run: false with a change filter is fine
    assertThat(
            problems(
                "postsubmits:\n  org/repo:\n  - name: post-x\n    always_run: false\n    run_if_changed: a\n"
                    + SPEC))
        .isEmpty();
  }

  @Test
  void duplicateJobsAcrossFilesAreAnErrorWhenTheirBranchesOverlap() throws IOException {
    write(
        "a/one.yaml", "presubmits:\n  org/repo:\n  - name: pull-x\n    branches: [main]\n" + SPEC);
    write("b/two.yaml", "presubmits:\n  org/repo:\n  - name: pull-x\n" + SPEC);
    write(
        "c/three.yaml",
        "presubmits:\n  org/repo:\n  - name: pull-y\n    branches: [release-1]\n"
            + SPEC
            + "  - name: pull-y\n    branches: [main]\n"
            + SPEC);
    List<Problem> problems = JobConfigLoader.load(List.of(dir), ProwSettings.NONE).problems();
    Problem p = only(problems);
    assertThat(p.file()).isEqualTo(dir.resolve("b/two.yaml"));
    assertThat(p.job()).contains("pull-x");
    assertThat(p.message()).contains("duplicate presubmit job of org/repo").contains("one.yaml");
  }

  @Test
  void theSameNameInAnotherRepoOrTypeIsNoDuplicate() throws IOException {
    assertThat(
            problems(
                "presubmits:\n  org/a:\n  - name: x\n"
                    + SPEC
                    + "  org/b:\n  - name: x\n"
                    + SPEC
                    + "postsubmits:\n  org/a:\n  - name: x\n"
                    + SPEC))
        .isEmpty();
  }

  @Test
  void duplicatePeriodics() throws IOException {
    String spec = PSPEC;
    write("a.yaml", "periodics:\n- name: ci-x\n  interval: 1h\n" + spec);
    write("b.yaml", "periodics:\n- name: ci-x\n  cron: '@daily'\n" + spec);
    Problem p = only(JobConfigLoader.load(List.of(dir), ProwSettings.NONE).problems());
    assertThat(p.message()).contains("duplicate periodic job");
  }

  @Test
  void twoJobsMayNotReportTheSameContext() throws IOException {
    Problem p =
        only(
            problems(
                "presubmits:\n  org/repo:\n  - name: pull-x\n"
                    + SPEC
                    + "  - name: pull-y\n    context: pull-x\n"
                    + SPEC));
    assertThat(p.job()).contains("pull-y");
    assertThat(p.field()).contains("context");
  }

  @Test
  void fileNamesMustBeUniqueInADirectoryAndDotDotFoldersAreSkipped() throws IOException {
    String job = "periodics:\n- name: ci-%s\n  interval: 1h\n" + PSPEC;
    write("a/jobs.yaml", job.formatted("a"));
    write("b/jobs.yaml", job.formatted("b"));
    write("..2026_01_01/c.yaml", "not: [valid");
    write("notes.txt", "not yaml");
    JobConfig config = JobConfigLoader.load(List.of(dir), ProwSettings.NONE);
    Problem p = only(config.problems());
    assertThat(p.file()).isEqualTo(dir.resolve("b/jobs.yaml"));
    assertThat(p.message()).contains("same name");
    assertThat(config.files()).isEqualTo(1);
  }

  @Test
  void podSpecRules() throws IOException {
    assertThat(only(problems("periodics:\n- name: ci-x\n  interval: 1h\n")).message())
        .contains("is required for agent kubernetes");
    assertThat(
            only(problems(
                    "periodics:\n- name: ci-x\n  interval: 1h\n  spec:\n    containers:\n"
                        + "    - {image: a, name: a}\n    - {image: b, name: b}\n"))
                .message())
        .contains("several containers need decorate: true");
    assertThat(
            only(problems(
                    "presubmits:\n  org/repo:\n  - name: pull-x\n    spec:\n      containers:\n"
                        + "      - image: a\n        env: [{name: PULL_NUMBER, value: '1'}]\n"))
                .message())
        .contains("PULL_NUMBER is reserved");
    assertThat(
            only(problems(
                    "periodics:\n- name: ci-x\n  interval: 1h\n  spec:\n    containers:\n"
                        + "    - image: a\n      volumeMounts: [{name: data, mountPath: /data}]\n"))
                .message())
        .contains("volume data is not defined");
    assertThat(
            only(problems(
                    "periodics:\n- name: ci-x\n  interval: 1h\n  decorate: true\n  spec:\n"
                        + "    containers:\n    - image: a\n"))
                .message())
        .contains("must give command or args");
  }

  @Test
  void labelsAndAnnotationsFollowKubernetesRules() throws IOException {
    String spec = PSPEC;
    assertThat(
            only(problems(
                    "periodics:\n- name: ci-x\n  interval: 1h\n  labels: {created-by-prow: 'true'}\n"
                        + spec))
                .message())
        .contains("reserved");
    assertThat(
            only(problems(
                    "periodics:\n- name: ci-x\n  interval: 1h\n  annotations: {'bad key!': x}\n"
                        + spec))
                .field())
        .contains("annotations.bad key!");
  }

  @Test
  void everyProblemIsListedNotJustTheFirst() throws IOException {
    List<Problem> problems =
        problems(
            "presubmits:\n  org/repo:\n  - name: pull-x\n    bogus: 1\n"
                + SPEC
                + "  - name: pull-y\n    run_if_changed: '('\n"
                + SPEC
                + "periodics:\n- name: ci-z\n"
                + PSPEC);
    assertThat(problems)
        .extracting(p -> p.job().orElseThrow())
        .containsExactlyInAnyOrder("pull-x", "pull-y", "ci-z");
  }

  @Test
  void aMissingPathIsAProblem() {
    Problem p =
        only(JobConfigLoader.load(List.of(dir.resolve("nope")), ProwSettings.NONE).problems());
    assertThat(p.message()).contains("no such file");
    assertThat(p.job()).isEqualTo(Optional.empty());
  }
}
