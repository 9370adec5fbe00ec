package dev.snoop.ci.config;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.Volume;
import io.fabric8.kubernetes.api.model.VolumeMount;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Prow's validation of a job config (sigs.k8s.io/prow pkg/config/config.go: validateJobBase,
 * validatePresubmits, validatePostsubmits, validatePeriodics, validatePodSpec), minus the checks of
 * Prow's own utility images and GCS settings, which snoop's executors do not use.
 */
final class JobValidator {
  private static final Pattern JOB_NAME = Pattern.compile("^[A-Za-z0-9-._]+$");
  private static final Pattern JENKINS_JOB_NAME =
      Pattern.compile("^[A-Za-z0-9-._]([A-Za-z0-9-._/]*[A-Za-z0-9-_])?$");
  private static final Pattern QUALIFIED_NAME_PART =
      Pattern.compile("([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]");
  private static final Pattern DNS_SUBDOMAIN =
      Pattern.compile("[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*");
  private static final Set<String> RESERVED_LABELS =
      Set.of("prow.k8s.io/type", "created-by-prow", "prow.k8s.io/id");
  private static final Set<String> AGENTS = Set.of("kubernetes", "jenkins", "tekton-pipeline");
  private static final Set<String> UTILITY_CONTAINERS =
      Set.of("clonerefs", "initupload", "place-entrypoint", "sidecar");
  private static final Set<String> DECORATION_VOLUMES =
      Set.of("logs", "code", "tools", "gcs-credentials", "s3-credentials");
  private static final Set<String> TEST_CONTAINER_MOUNTS = Set.of("logs", "code", "tools");
  private static final Set<String> TEST_CONTAINER_MOUNT_PATHS =
      Set.of("/logs", "/home/prow/go", "/tools");
  private static final List<String> BASE_ENV =
      List.of("CI", "JOB_NAME", "JOB_SPEC", "JOB_TYPE", "PROW_JOB_ID", "BUILD_ID", "BUILD_NUMBER");
  private static final List<String> REFS_ENV =
      List.of(
          "REPO_OWNER",
          "REPO_NAME",
          "SRC_BASE",
          "SRC_HOST",
          "PULL_BASE_REF",
          "PULL_BASE_SHA",
          "PULL_REFS");
  private static final List<String> PULL_ENV =
      List.of("PULL_NUMBER", "PULL_PULL_SHA", "PULL_HEAD_REF", "PULL_TITLE");

  private final ProwSettings settings;
  private final List<Problem> problems;

  private JobValidator(ProwSettings settings, List<Problem> problems) {
    this.settings = settings;
    this.problems = problems;
  }

  /** Adds to {@code problems} what is wrong with each job and with the jobs together. */
  static void validate(
      List<RawJob> raws, List<Job> jobs, ProwSettings settings, List<Problem> problems) {
    JobValidator validator = new JobValidator(settings, problems);
    for (int i = 0; i < jobs.size(); i++) {
      validator.validateJob(raws.get(i), jobs.get(i));
    }
    validator.validateTogether(jobs);
  }

  private void validateJob(RawJob raw, Job job) {
    Pattern names = job.agent().equals("jenkins") ? JENKINS_JOB_NAME : JOB_NAME;
    if (!names.matcher(job.name()).matches()) {
      field(raw, "name", "must match " + names.pattern());
    }
    if (job.maxConcurrency() < 0) {
      field(raw, "max_concurrency", "must not be negative, is " + job.maxConcurrency());
    }
    validateAgent(raw, job);
    job.spec().ifPresent(spec -> validatePodSpec(raw, job, spec));
    validateLabels(raw, job);
    for (String key : job.annotations().keySet()) {
      qualifiedNameProblem(key)
          .ifPresent(p -> field(raw, "annotations." + key, "invalid annotation key: " + p));
    }
    String queue = raw.string("job_queue_name");
    if (!queue.isEmpty() && settings.jobQueueCapacities().isEmpty()) {
      field(
          raw,
          "job_queue_name",
          queue + " takes its capacity from plank.job_queue_capacities: give Prow's config.yaml");
    } else if (!queue.isEmpty() && !settings.jobQueueCapacities().get().containsKey(queue)) {
      field(raw, "job_queue_name", queue + " is not in plank.job_queue_capacities");
    }
    switch (job.type()) {
      case PRESUBMIT -> validateTriggering(raw, job);
      case POSTSUBMIT -> validateChangeFilters(raw, job, raw.has("always_run") && job.alwaysRun());
      case PERIODIC -> validateSchedule(raw, job);
    }
  }

  private void validateAgent(RawJob raw, Job job) {
    String agent = job.agent();
    boolean pipeline =
        raw.has("pipeline_run_spec")
            || raw.node().path("tekton_pipeline_run_spec").hasNonNull("v1beta1");
    if (!AGENTS.contains(agent)) {
      return; // Prow only warns: an agent it cannot validate
    }
    if (job.spec().isPresent() && !agent.equals("kubernetes")) {
      field(raw, "agent", "a job with a spec must use agent kubernetes, not " + agent);
    } else if (agent.equals("kubernetes") && job.spec().isEmpty()) {
      field(raw, "spec", "is required for agent kubernetes");
    } else if (pipeline && !agent.equals("tekton-pipeline")) {
      field(raw, "agent", "a job with a pipeline_run_spec must use agent tekton-pipeline");
    } else if (agent.equals("tekton-pipeline") && !pipeline) {
      field(raw, "pipeline_run_spec", "is required for agent tekton-pipeline");
    } else if (raw.has("decoration_config") && !agent.equals("kubernetes")) {
      field(raw, "decoration_config", "decoration requires agent kubernetes");
    } else if (raw.bool("error_on_eviction") && !agent.equals("kubernetes")) {
      field(raw, "error_on_eviction", "applies only to agent kubernetes");
    } else if (raw.has("namespace")
        && !raw.string("namespace").equals(settings.podNamespace())
        && !agent.equals("tekton-pipeline")) {
      field(
          raw,
          "namespace",
          "must be the pod namespace " + settings.podNamespace() + " for agent " + agent);
    }
  }

  private void validatePodSpec(RawJob raw, Job job, PodSpec spec) {
    boolean decorated = job.decorate() || raw.has("decoration_config");
    for (Container init : orEmpty(spec.getInitContainers())) {
      if (!"Always".equals(init.getRestartPolicy())) {
        field(
            raw,
            "spec.initContainers",
            "may hold only sidecar containers (restartPolicy: Always), not " + init.getName());
      }
    }
    List<Container> containers = orEmpty(spec.getContainers());
    if (containers.isEmpty()) {
      field(raw, "spec.containers", "must hold at least one container");
      return;
    }
    if (containers.size() > 1 && !decorated) {
      field(raw, "spec.containers", "several containers need decorate: true");
      return;
    }
    Set<String> names = new HashSet<>();
    for (Container c : containers) {
      if (containers.size() > 1) {
        if (c.getName() == null || c.getName().isEmpty()) {
          field(raw, "spec.containers", "every container needs a name when there are several");
        } else if (!names.add(c.getName())) {
          field(raw, "spec.containers", "container " + c.getName() + " is defined twice");
        }
        if (UTILITY_CONTAINERS.contains(c.getName())) {
          field(
              raw,
              "spec.containers",
              "container name " + c.getName() + " is reserved for decoration");
        }
      }
      Set<String> env = new HashSet<>();
      for (EnvVar e : orEmpty(c.getEnv())) {
        if (!env.add(e.getName())) {
          field(raw, "spec.containers.env", e.getName() + " is defined twice");
        }
        if (reservedEnv(job.type()).contains(e.getName())) {
          field(raw, "spec.containers.env", e.getName() + " is reserved: Prow sets it");
        }
      }
      if (decorated) {
        List<String> argv = new ArrayList<>(orEmpty(c.getCommand()));
        argv.addAll(orEmpty(c.getArgs()));
        if (argv.isEmpty() || argv.get(0).isEmpty()) {
          field(raw, "spec.containers", "a decorated job's containers must give command or args");
        }
      }
    }
    Set<String> volumes = new HashSet<>();
    for (Volume v : orEmpty(spec.getVolumes())) {
      if (!volumes.add(v.getName())) {
        field(raw, "spec.volumes", "volume " + v.getName() + " is defined twice");
      }
      if (DECORATION_VOLUMES.contains(v.getName())) {
        field(raw, "spec.volumes", "volume name " + v.getName() + " is reserved for decoration");
      }
    }
    for (Container c : containers) {
      for (VolumeMount m : orEmpty(c.getVolumeMounts())) {
        if (!volumes.contains(m.getName()) && !DECORATION_VOLUMES.contains(m.getName())) {
          field(raw, "spec.containers.volumeMounts", "volume " + m.getName() + " is not defined");
        }
        if (TEST_CONTAINER_MOUNTS.contains(m.getName())) {
          field(
              raw,
              "spec.containers.volumeMounts",
              "mount name " + m.getName() + " is reserved for decoration");
        }
        if (TEST_CONTAINER_MOUNT_PATHS.contains(m.getMountPath())) {
          field(
              raw,
              "spec.containers.volumeMounts",
              "mount path " + m.getMountPath() + " is reserved for decoration");
        }
      }
    }
  }

  private static List<String> reservedEnv(JobType type) {
    List<String> env = new ArrayList<>(BASE_ENV);
    if (type != JobType.PERIODIC) {
      env.addAll(REFS_ENV);
    }
    if (type == JobType.PRESUBMIT) {
      env.addAll(PULL_ENV);
    }
    return env;
  }

  private void validateLabels(RawJob raw, Job job) {
    for (Map.Entry<String, String> label : job.labels().entrySet()) {
      String key = label.getKey();
      if (RESERVED_LABELS.contains(key)) {
        field(raw, "labels." + key, "is reserved for decoration");
        continue;
      }
      qualifiedNameProblem(key).ifPresent(p -> field(raw, "labels." + key, "invalid label: " + p));
      String value = label.getValue();
      if (value.length() > 63
          || (!value.isEmpty() && !QUALIFIED_NAME_PART.matcher(value).matches())) {
        field(raw, "labels." + key, "invalid label value " + value);
      }
    }
  }

  /** Kubernetes' qualified name rule for label and annotation keys: [prefix/]name. */
  private static java.util.Optional<String> qualifiedNameProblem(String key) {
    String[] parts = key.split("/", -1);
    if (parts.length > 2) {
      return java.util.Optional.of("at most one '/'");
    }
    String name = parts[parts.length - 1];
    if (name.isEmpty() || name.length() > 63 || !QUALIFIED_NAME_PART.matcher(name).matches()) {
      return java.util.Optional.of(
          "the name must be 63 characters or less, alphanumeric, '-', '_' or '.', and start and"
              + " end with an alphanumeric");
    }
    if (parts.length == 2
        && (parts[0].isEmpty()
            || parts[0].length() > 253
            || !DNS_SUBDOMAIN.matcher(parts[0]).matches())) {
      return java.util.Optional.of("the prefix must be a DNS subdomain");
    }
    return java.util.Optional.empty();
  }

  private void validateTriggering(RawJob raw, Job job) {
    validateChangeFilters(raw, job, job.alwaysRun());
    if (raw.has("trigger") != raw.has("rerun_command")
        || raw.string("trigger").isEmpty() != raw.string("rerun_command").isEmpty()) {
      field(
          raw,
          raw.string("trigger").isEmpty() ? "trigger" : "rerun_command",
          "trigger and rerun_command must be set together");
      return;
    }
    if (job.patterns().trigger().isPresent()
        && !job.triggerMatches(job.rerunCommand().orElse(""))) {
      field(
          raw,
          "rerun_command",
          "\""
              + job.rerunCommand().orElse("")
              + "\" does not match trigger \""
              + job.trigger().orElse("")
              + "\"");
    }
  }

  private void validateChangeFilters(RawJob raw, Job job, boolean alwaysRunSet) {
    if (alwaysRunSet && job.runIfChanged().isPresent()) {
      field(raw, "run_if_changed", "always_run and run_if_changed are mutually exclusive");
    }
    if (alwaysRunSet && job.skipIfOnlyChanged().isPresent()) {
      field(
          raw,
          "skip_if_only_changed",
          "always_run and skip_if_only_changed are mutually exclusive");
    }
    if (job.runIfChanged().isPresent() && job.skipIfOnlyChanged().isPresent()) {
      field(
          raw,
          "skip_if_only_changed",
          "run_if_changed and skip_if_only_changed are mutually exclusive");
    }
  }

  private void validateSchedule(RawJob raw, Job job) {
    int set =
        (job.cron().isPresent() ? 1 : 0)
            + (job.interval().isPresent() ? 1 : 0)
            + (job.minimumInterval().isPresent() ? 1 : 0);
    if (set != 1) {
      field(
          raw,
          "cron",
          set == 0
              ? "a periodic needs one of cron, interval or minimum_interval"
              : "cron, interval and minimum_interval are mutually exclusive");
      return;
    }
    job.cron()
        .ifPresent(
            cron -> {
              try {
                CronSchedule.parse(cron);
              } catch (IllegalArgumentException e) {
                field(raw, "cron", "invalid cron \"" + cron + "\": " + e.getMessage());
              }
            });
    duration(raw, "interval");
    duration(raw, "minimum_interval");
    if (raw.node().path("retry").isObject()) {
      String interval = raw.node().path("retry").path("interval").asString("");
      try {
        GoDuration.parse(interval);
      } catch (IllegalArgumentException e) {
        field(raw, "retry.interval", e.getMessage());
      }
    }
  }

  private void duration(RawJob raw, String field) {
    if (raw.has(field)) {
      try {
        GoDuration.parse(raw.string(field));
      } catch (IllegalArgumentException e) {
        field(raw, field, e.getMessage());
      }
    }
  }

  /** Duplicate jobs and shared contexts, as Prow checks them per repo and among periodics. */
  private void validateTogether(List<Job> jobs) {
    List<Job> seen = new ArrayList<>();
    for (Job job : jobs) {
      for (Job earlier : seen) {
        if (earlier.type() != job.type() || !earlier.repo().equals(job.repo())) {
          continue;
        }
        boolean overlap = job.type() == JobType.PERIODIC || earlier.branchesIntersect(job);
        if (!overlap) {
          continue;
        }
        if (earlier.name().equals(job.name())) {
          problems.add(
              Problem.ofJob(
                  job.file(),
                  job.name(),
                  "duplicate "
                      + job.type().prowName()
                      + " job"
                      + job.repo().map(r -> " of " + r).orElse("")
                      + ": also defined in "
                      + earlier.file()
                      + (job.type() == JobType.PERIODIC ? "" : " for overlapping branches")));
        } else if (job.context().isPresent() && job.context().equals(earlier.context())) {
          problems.add(
              Problem.ofField(
                  job.file(),
                  job.name(),
                  "context",
                  "\""
                      + job.context().get()
                      + "\" is also the context of "
                      + earlier.name()
                      + " ("
                      + earlier.file()
                      + ")"));
        }
      }
      seen.add(job);
    }
  }

  /** fabric8 leaves a list null when the YAML has the key with no value ({@code env:}). */
  private static <T> List<T> orEmpty(List<T> list) {
    return list == null ? List.of() : list;
  }

  private void field(RawJob raw, String field, String message) {
    problems.add(Problem.ofField(raw.file(), raw.label(), field, message));
  }
}
