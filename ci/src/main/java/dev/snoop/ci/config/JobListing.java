package dev.snoop.ci.config;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import tools.jackson.databind.SerializationFeature;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * Jobs as {@code snoop jobs list} shows them: one JSON object per job with Prow's field names, or a
 * table. A field the job's type does not have is left out ({@code repo}, {@code context} and the
 * trigger fields of periodics; the schedule of presubmits and postsubmits); a field it has but does
 * not set is null.
 */
public final class JobListing {
  private static final JsonMapper JSON =
      JsonMapper.builder().enable(SerializationFeature.INDENT_OUTPUT).build();

  private JobListing() {}

  public static ObjectNode toJson(Job job) {
    ObjectNode o = JsonNodeFactory.instance.objectNode();
    o.put("name", job.name());
    o.put("type", job.type().prowName());
    job.repo().ifPresent(r -> o.put("repo", r));
    o.put("file", job.file().toString());
    if (job.type() != JobType.PERIODIC) {
      o.put("context", job.context().orElse(null));
      if (job.type() == JobType.PRESUBMIT) {
        o.put("rerun_command", job.rerunCommand().orElse(null));
        o.put("trigger", job.trigger().orElse(null));
        o.put("optional", job.optional());
      }
      o.put("always_run", job.alwaysRun());
      o.put("skip_report", job.skipReport());
      o.put("run_if_changed", job.runIfChanged().orElse(null));
      o.put("skip_if_only_changed", job.skipIfOnlyChanged().orElse(null));
      strings(o.putArray("branches"), job.branches());
      strings(o.putArray("skip_branches"), job.skipBranches());
    } else {
      o.put("cron", job.cron().orElse(null));
      o.put("interval", job.interval().orElse(null));
      o.put("minimum_interval", job.minimumInterval().orElse(null));
    }
    o.put("max_concurrency", job.maxConcurrency());
    o.put("job_queue_name", job.queue().map(Job.JobQueue::name).orElse(null));
    o.put("job_queue_capacity", job.queue().map(Job.JobQueue::capacity).orElse(null));
    o.put("decorate", job.decorate());
    o.put("timeout", job.timeout().toSeconds());
    o.put("grace_period", job.gracePeriod().toSeconds());
    map(o.putObject("annotations"), job.annotations());
    map(o.putObject("labels"), job.labels());
    return o;
  }

  /** The jobs as a JSON array, indented. */
  public static String json(List<Job> jobs) {
    ArrayNode array = JsonNodeFactory.instance.arrayNode();
    jobs.forEach(j -> array.add(toJson(j)));
    return JSON.writeValueAsString(array);
  }

  /** The jobs as a table: name, type, repo, what starts it, branches, limits. */
  public static String table(List<Job> jobs) {
    List<String[]> rows = new ArrayList<>();
    rows.add(new String[] {"NAME", "TYPE", "REPO", "RUNS", "BRANCHES", "MAX", "TIMEOUT"});
    for (Job job : jobs) {
      rows.add(
          new String[] {
            job.name(),
            job.type().prowName(),
            job.repo().orElse("-"),
            runs(job),
            branches(job),
            job.maxConcurrency() == 0 ? "-" : String.valueOf(job.maxConcurrency()),
            job.timeout().toString().substring(2).toLowerCase()
          });
    }
    int[] widths = new int[rows.get(0).length];
    for (String[] row : rows) {
      for (int i = 0; i < row.length; i++) {
        widths[i] = Math.max(widths[i], row[i].length());
      }
    }
    StringBuilder out = new StringBuilder();
    for (String[] row : rows) {
      for (int i = 0; i < row.length; i++) {
        out.append(i == row.length - 1 ? row[i] : String.format("%-" + widths[i] + "s  ", row[i]));
      }
      out.append('\n');
    }
    return out.toString();
  }

  private static String runs(Job job) {
    if (job.type() == JobType.PERIODIC) {
      return job.cron()
          .map(c -> "cron " + c)
          .or(() -> job.interval().map(i -> "every " + i))
          .or(() -> job.minimumInterval().map(i -> i + " after the last"))
          .orElse("-");
    }
    Optional<String> filter =
        job.runIfChanged()
            .map(r -> "run_if_changed " + r)
            .or(() -> job.skipIfOnlyChanged().map(s -> "skip_if_only_changed " + s));
    if (filter.isPresent()) {
      return filter.get();
    }
    if (job.alwaysRun()) {
      return "always";
    }
    return job.rerunCommand().orElse("by hand");
  }

  private static String branches(Job job) {
    if (job.branches().isEmpty() && job.skipBranches().isEmpty()) {
      return "-";
    }
    String only = String.join(",", job.branches());
    String skip = job.skipBranches().isEmpty() ? "" : "not " + String.join(",", job.skipBranches());
    return only.isEmpty() ? skip : skip.isEmpty() ? only : only + " " + skip;
  }

  private static void strings(ArrayNode array, List<String> values) {
    values.forEach(array::add);
  }

  private static void map(ObjectNode object, Map<String, String> values) {
    values.forEach(object::put);
  }
}
