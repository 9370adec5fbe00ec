package dev.snoop.ci.config;

import java.util.List;
import java.util.Map;
import java.util.Set;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * The decoration defaults of Prow's {@code plank} config, merged into each decorated job as Prow
 * merges them: every entry whose repo (empty, {@code *}, the org or {@code org/repo}) and cluster
 * (empty, {@code *} or the job's) match, in order, each later one overriding the earlier ones, and
 * the job's own {@code decoration_config} over all of them.
 */
public final class DecorationDefaults {
  /** The sub-objects Prow merges field by field rather than taking whole. */
  private static final Set<String> MERGED_FIELD_BY_FIELD =
      Set.of(
          "utility_images",
          "resources",
          "gcs_configuration",
          "censoring_options",
          "scheduling_options");

  /** One entry: {@code repo} and {@code cluster} select the jobs it applies to. */
  record Entry(String repo, String cluster, ObjectNode config) {
    boolean matches(String jobRepo, String jobCluster) {
      if (!cluster.isEmpty() && !cluster.equals("*") && !cluster.equals(jobCluster)) {
        return false;
      }
      return repo.isEmpty()
          || repo.equals("*")
          || repo.equals(jobRepo)
          || repo.equals(jobRepo.split("/", 2)[0]);
    }
  }

  static final DecorationDefaults NONE = new DecorationDefaults(List.of());

  private final List<Entry> entries;

  DecorationDefaults(List<Entry> entries) {
    this.entries = List.copyOf(entries);
  }

  /**
   * The decoration config of a decorated job of {@code repo} (empty for none) on {@code cluster}.
   */
  ObjectNode merge(String repo, String cluster, ObjectNode job) {
    ObjectNode merged = JsonNodeFactory.instance.objectNode();
    for (Entry entry : entries) {
      if (entry.matches(repo, cluster)) {
        merged = applyDefault(entry.config(), merged);
      }
    }
    return applyDefault(job, merged);
  }

  /**
   * {@code config} with each field it leaves unset taken from {@code defaults} (Prow's
   * DecorationConfig.ApplyDefault): unset is absent, null or an empty list; an empty string too
   * where Go's field is a plain string (github_app_id and the fields of the merged sub-objects)
   * rather than a pointer, for which "" is a value.
   */
  static ObjectNode applyDefault(ObjectNode config, ObjectNode defaults) {
    return applyDefault(config, defaults, false);
  }

  private static ObjectNode applyDefault(ObjectNode config, ObjectNode defaults, boolean nested) {
    ObjectNode merged = config.deepCopy();
    for (Map.Entry<String, JsonNode> d : defaults.properties()) {
      String field = d.getKey();
      JsonNode own = merged.get(field);
      if (unset(own, nested || field.equals("github_app_id"))) {
        merged.set(field, d.getValue().deepCopy());
      } else if (!nested
          && MERGED_FIELD_BY_FIELD.contains(field)
          && own.isObject()
          && d.getValue().isObject()) {
        merged.set(field, applyDefault((ObjectNode) own, (ObjectNode) d.getValue(), true));
      }
    }
    return merged;
  }

  private static boolean unset(JsonNode value, boolean emptyStringUnset) {
    return value == null
        || value.isNull()
        || (value.isArray() && value.isEmpty())
        || (emptyStringUnset && value.isString() && value.stringValue().isEmpty());
  }
}
