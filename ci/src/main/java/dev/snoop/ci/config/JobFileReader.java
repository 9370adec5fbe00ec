package dev.snoop.ci.config;

import io.fabric8.kubernetes.api.model.PodSpec;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import tools.jackson.databind.JsonNode;

/** Reads one job file: its jobs as written, and every field Prow would refuse. */
final class JobFileReader {
  /** What one file holds. */
  record Contents(List<RawJob> jobs, List<Problem> problems, List<String> fileLevelFields) {}

  private JobFileReader() {}

  static Contents read(Path file) {
    List<Problem> problems = new ArrayList<>();
    List<RawJob> jobs = new ArrayList<>();
    JsonNode root;
    try {
      root = YamlFiles.read(file);
    } catch (JobConfigException e) {
      return new Contents(List.of(), e.problems(), List.of());
    }
    if (root.isMissingNode() || root.isNull()) {
      return new Contents(List.of(), List.of(), List.of());
    }
    ShapeChecker top = ShapeChecker.check(root, ProwSchema.JOB_FILE);
    for (var f : top.findings()) {
      problems.add(Problem.ofField(file, null, f.path(), f.message()));
    }
    if (!problems.isEmpty()) {
      return new Contents(List.of(), problems, List.of());
    }
    List<String> fileLevel = new ArrayList<>();
    for (String field : List.of("presets", "decorate_all_jobs", "prow_ignored")) {
      if (root.hasNonNull(field)) {
        fileLevel.add(field);
      }
    }
    for (String section : List.of("presubmits", "postsubmits")) {
      JobType type = section.equals("presubmits") ? JobType.PRESUBMIT : JobType.POSTSUBMIT;
      for (Map.Entry<String, JsonNode> repo : root.path(section).properties()) {
        if (!repo.getKey().matches("[^/]+/[^/]+")) {
          problems.add(
              Problem.ofField(file, null, section + "." + repo.getKey(), "must be org/repo"));
          continue;
        }
        int index = 0;
        for (JsonNode job : repo.getValue()) {
          String where = section + " of " + repo.getKey() + " #" + (index++ + 1);
          readJob(file, type, Optional.of(repo.getKey()), job, where, jobs, problems);
        }
      }
    }
    int index = 0;
    for (JsonNode job : root.path("periodics")) {
      String where = "periodics #" + (index++ + 1);
      readJob(file, JobType.PERIODIC, Optional.empty(), job, where, jobs, problems);
    }
    return new Contents(jobs, problems, fileLevel);
  }

  private static void readJob(
      Path file,
      JobType type,
      Optional<String> repo,
      JsonNode node,
      String where,
      List<RawJob> jobs,
      List<Problem> problems) {
    JsonNode name = node.path("name");
    String label = name.isString() && !name.stringValue().isEmpty() ? name.stringValue() : where;
    Shape.Fields shape =
        switch (type) {
          case PRESUBMIT -> ProwSchema.PRESUBMIT;
          case POSTSUBMIT -> ProwSchema.POSTSUBMIT;
          case PERIODIC -> ProwSchema.PERIODIC;
        };
    ShapeChecker checked = ShapeChecker.check(node, shape);
    for (var f : checked.findings()) {
      problems.add(Problem.ofField(file, label, f.path(), f.message()));
    }
    if (!checked.findings().isEmpty()) {
      return;
    }
    if (!name.isString() || name.stringValue().isEmpty()) {
      problems.add(Problem.ofField(file, label, "name", "is required"));
      return;
    }
    Optional<PodSpec> spec = Optional.empty();
    if (node.hasNonNull("spec")) {
      spec = KubernetesObjects.read(node.get("spec"), PodSpec.class, new ArrayList<>());
    }
    jobs.add(new RawJob(type, repo, file, label, node, spec, checked.presentFields()));
  }
}
