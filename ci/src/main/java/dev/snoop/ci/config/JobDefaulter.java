package dev.snoop.ci.config;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * Applies Prow's defaults to a job (sigs.k8s.io/prow pkg/config/config.go, defaultPresubmitFields
 * and the decoration defaults) and compiles its regular expressions, noting those that do not
 * compile.
 */
final class JobDefaulter {
  private JobDefaulter() {}

  /** Prow's default trigger: {@code /test NAME} on a line of its own, among other job names. */
  static String defaultTrigger(String name) {
    return "(?m)^/test( | .* )" + name + ",?($|\\s.*)";
  }

  static String defaultRerunCommand(String name) {
    return "/test " + name;
  }

  static Job apply(RawJob raw, ProwSettings settings, List<Problem> problems) {
    String name = raw.string("name");
    boolean reported = raw.type() != JobType.PERIODIC;
    Optional<String> context =
        reported ? Optional.of(raw.optionalString("context").orElse(name)) : Optional.empty();
    Optional<String> trigger = raw.optionalString("trigger");
    Optional<String> rerun = raw.optionalString("rerun_command");
    if (raw.type() == JobType.PRESUBMIT && trigger.isEmpty() && rerun.isEmpty()) {
      trigger = Optional.of(defaultTrigger(name));
      rerun = Optional.of(defaultRerunCommand(name));
    }
    String cluster = raw.optionalString("cluster").orElse("default");
    boolean decorate = raw.has("decorate") ? raw.bool("decorate") : settings.decorateAllJobs();
    ObjectNode ownDecoration =
        raw.node().path("decoration_config").isObject()
            ? (ObjectNode) raw.node().get("decoration_config")
            : JsonNodeFactory.instance.objectNode();
    ObjectNode decoration =
        decorate
            ? settings.decorationDefaults().merge(decorationRepo(raw), cluster, ownDecoration)
            : ownDecoration;
    Optional<String> runIfChanged = raw.optionalString("run_if_changed");
    Optional<String> skipIfOnlyChanged = raw.optionalString("skip_if_only_changed");
    boolean alwaysRun =
        raw.type() == JobType.POSTSUBMIT
            ? (raw.has("always_run")
                ? raw.bool("always_run")
                : runIfChanged.isEmpty() && skipIfOnlyChanged.isEmpty())
            : raw.bool("always_run");
    List<String> branches = strings(raw.node().path("branches"));
    List<String> skipBranches = strings(raw.node().path("skip_branches"));
    Job.Patterns patterns =
        new Job.Patterns(
            trigger.flatMap(t -> compile(raw, "trigger", t, problems)),
            branches.isEmpty()
                ? Optional.empty()
                : compile(raw, "branches", String.join("|", branches), problems),
            skipBranches.isEmpty()
                ? Optional.empty()
                : compile(raw, "skip_branches", String.join("|", skipBranches), problems),
            runIfChanged.isPresent()
                ? compile(raw, "run_if_changed", runIfChanged.get(), problems)
                : skipIfOnlyChanged.flatMap(
                    s -> compile(raw, "skip_if_only_changed", s, problems)));
    return new Job(
        name,
        raw.type(),
        raw.repo(),
        raw.file(),
        context,
        trigger,
        rerun,
        alwaysRun,
        raw.bool("optional"),
        raw.bool("skip_report"),
        runIfChanged,
        skipIfOnlyChanged,
        branches,
        skipBranches,
        raw.optionalString("cron"),
        raw.optionalString("interval"),
        raw.optionalString("minimum_interval"),
        raw.node().path("max_concurrency").asInt(0),
        decorate,
        duration(decoration.path("timeout"), Job.DEFAULT_TIMEOUT),
        duration(decoration.path("grace_period"), Job.DEFAULT_GRACE_PERIOD),
        stringMap(raw.node().path("annotations")),
        stringMap(raw.node().path("labels")),
        raw.optionalString("agent").orElse("kubernetes"),
        cluster,
        raw.spec(),
        decoration,
        raw.optionalString("job_queue_name")
            .map(
                q ->
                    new Job.JobQueue(
                        q, settings.jobQueueCapacities().map(c -> c.getOrDefault(q, 0)).orElse(0))),
        patterns);
  }

  /** The repo decoration defaults are chosen by: the job's, or a periodic's first extra ref. */
  private static String decorationRepo(RawJob raw) {
    if (raw.repo().isPresent()) {
      return raw.repo().get();
    }
    JsonNode first = raw.node().path("extra_refs").path(0);
    return first.isObject()
        ? first.path("org").asString("") + "/" + first.path("repo").asString("")
        : "";
  }

  private static Optional<Pattern> compile(
      RawJob raw, String field, String regex, List<Problem> problems) {
    try {
      return Optional.of(GoRegex.compile(regex));
    } catch (IllegalArgumentException e) {
      problems.add(
          Problem.ofField(
              raw.file(),
              raw.label(),
              field,
              "does not compile as a regular expression: " + e.getMessage()));
      return Optional.empty();
    }
  }

  /** A checked duration field (Go duration string or nanoseconds), else {@code otherwise}. */
  private static Duration duration(JsonNode value, Duration otherwise) {
    if (value.isIntegralNumber()) {
      return Duration.ofNanos(value.longValue());
    }
    return value.isString() ? GoDuration.parse(value.stringValue()) : otherwise;
  }

  private static List<String> strings(JsonNode list) {
    List<String> values = new ArrayList<>();
    list.forEach(v -> values.add(v.asString("")));
    return values;
  }

  private static Map<String, String> stringMap(JsonNode map) {
    Map<String, String> values = new LinkedHashMap<>();
    for (Map.Entry<String, JsonNode> e : map.properties()) {
      if (!e.getValue().isNull()) {
        values.put(e.getKey(), e.getValue().asString(""));
      }
    }
    return values;
  }
}
