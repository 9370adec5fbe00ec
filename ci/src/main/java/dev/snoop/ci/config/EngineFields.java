package dev.snoop.ci.config;

import java.util.Set;

/**
 * The job fields snoop's engine acts on. Every other field of Prow's schema is accepted and
 * reported once as ignored (a field of a listed object, e.g. {@code spec.containers}, counts as
 * acted on with it). Extend this list when the engine starts to use a field.
 */
final class EngineFields {
  private static final Set<String> ACTED_ON =
      Set.of(
          "name",
          "spec",
          "labels",
          "annotations",
          "max_concurrency",
          "job_queue_name",
          "always_run",
          "optional",
          "trigger",
          "rerun_command",
          "branches",
          "skip_branches",
          "run_if_changed",
          "skip_if_only_changed",
          "context",
          "skip_report",
          "decorate",
          "decoration_config.timeout",
          "decoration_config.grace_period",
          "extra_refs",
          "cron",
          "interval",
          "minimum_interval");

  private EngineFields() {}

  /** Whether the engine acts on the field at {@code path} (or on the object holding it). */
  static boolean actsOn(String path) {
    for (String p = path; ; p = p.substring(0, p.lastIndexOf('.'))) {
      if (ACTED_ON.contains(p)) {
        return true;
      }
      if (p.indexOf('.') < 0) {
        return false;
      }
    }
  }

  /** Whether the engine acts on some field below {@code path}, so that it is not ignored whole. */
  static boolean actsOnPart(String path) {
    return ACTED_ON.stream().anyMatch(p -> p.startsWith(path + "."));
  }

  /**
   * The name under which a present field is reported as ignored: the outermost ignored object
   * ({@code reporter_config} rather than {@code reporter_config.slack.channel}); empty when acted
   * on.
   */
  static java.util.Optional<String> ignoredAs(String path) {
    if (actsOn(path) || actsOnPart(path)) {
      return java.util.Optional.empty();
    }
    String[] parts = path.split("\\.");
    String prefix = "";
    for (String part : parts) {
      prefix = prefix.isEmpty() ? part : prefix + "." + part;
      if (!actsOnPart(prefix)) {
        return java.util.Optional.of(prefix);
      }
    }
    return java.util.Optional.of(path);
  }
}
