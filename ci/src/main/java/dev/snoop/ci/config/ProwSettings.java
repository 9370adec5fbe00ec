package dev.snoop.ci.config;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * What the job config takes from Prow's main {@code config.yaml}: {@code decorate_all_jobs}, the
 * decoration defaults of {@code plank} and its job queue names, and {@code pod_namespace}. The rest
 * of that file configures Prow's other components and is not read.
 *
 * @param jobQueueCapacities {@code plank.job_queue_capacities}, when a config.yaml was given: the
 *     queues jobs may name, each with how many runs of its jobs may be pending at once (0: none,
 *     negative: any number)
 */
public record ProwSettings(
    boolean decorateAllJobs,
    DecorationDefaults decorationDefaults,
    Optional<Map<String, Integer>> jobQueueCapacities,
    String podNamespace) {

  /** Without a config.yaml: no defaults, Prow's default pod namespace. */
  public static final ProwSettings NONE =
      new ProwSettings(false, DecorationDefaults.NONE, Optional.empty(), "default");

  private static final Shape.Fields ENTRY =
      Shape.fields(
          "repo", Shape.STRING, "cluster", Shape.STRING, "config", ProwSchema.DECORATION_CONFIG);

  /**
   * Reads a Prow config.yaml.
   *
   * @throws JobConfigException with every problem of the parts read
   */
  public static ProwSettings read(Path file) {
    JsonNode root = YamlFiles.read(file);
    List<Problem> problems = new ArrayList<>();
    JsonNode plank = root.path("plank");
    JsonNode entries = plank.path("default_decoration_config_entries");
    JsonNode legacy = plank.path("default_decoration_configs");
    List<DecorationDefaults.Entry> defaults = new ArrayList<>();
    if (!isEmpty(entries) && !isEmpty(legacy)) {
      problems.add(
          Problem.ofField(
              file,
              null,
              "plank",
              "default_decoration_configs and default_decoration_config_entries are mutually"
                  + " exclusive"));
    }
    check(file, "plank.default_decoration_config_entries", entries, Shape.listOf(ENTRY), problems);
    check(
        file,
        "plank.default_decoration_configs",
        legacy,
        Shape.mapOf(ProwSchema.DECORATION_CONFIG),
        problems);
    check(file, "decorate_all_jobs", root.path("decorate_all_jobs"), Shape.BOOL, problems);
    check(file, "pod_namespace", root.path("pod_namespace"), Shape.STRING, problems);
    check(
        file,
        "plank.job_queue_capacities",
        plank.path("job_queue_capacities"),
        Shape.mapOf(Shape.INT),
        problems);
    if (!problems.isEmpty()) {
      throw new JobConfigException(problems);
    }
    if (entries.isArray()) {
      for (JsonNode e : entries) {
        defaults.add(
            new DecorationDefaults.Entry(
                e.path("repo").asString(""),
                e.path("cluster").asString(""),
                object(e.path("config"))));
      }
    } else if (legacy.isObject()) {
      // the older map form: "*" first, then orgs, then org/repo keys
      for (int pass = 0; pass < 3; pass++) {
        for (Map.Entry<String, JsonNode> e : legacy.properties()) {
          String key = e.getKey();
          int kind = key.equals("*") ? 0 : key.contains("/") ? 2 : 1;
          if (kind == pass) {
            defaults.add(new DecorationDefaults.Entry(key, "", object(e.getValue())));
          }
        }
      }
    }
    Map<String, Integer> queues = new TreeMap<>();
    plank
        .path("job_queue_capacities")
        .properties()
        .forEach(e -> queues.put(e.getKey(), e.getValue().asInt()));
    String podNamespace = root.path("pod_namespace").asString("");
    return new ProwSettings(
        root.path("decorate_all_jobs").asBoolean(false),
        new DecorationDefaults(defaults),
        Optional.of(queues),
        podNamespace.isEmpty() ? "default" : podNamespace);
  }

  private static boolean isEmpty(JsonNode node) {
    return node.isMissingNode() || node.isNull() || node.isEmpty();
  }

  private static ObjectNode object(JsonNode node) {
    return node.isObject() ? (ObjectNode) node : JsonNodeFactory.instance.objectNode();
  }

  private static void check(
      Path file, String field, JsonNode node, Shape shape, List<Problem> problems) {
    if (node.isMissingNode()) {
      return;
    }
    for (var f : ShapeChecker.check(node, shape).findings()) {
      String path =
          f.path().isEmpty() ? field : field + (f.path().startsWith("[") ? "" : ".") + f.path();
      problems.add(Problem.ofField(file, null, path, f.message()));
    }
  }
}
