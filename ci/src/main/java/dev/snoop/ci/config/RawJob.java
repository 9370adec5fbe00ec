package dev.snoop.ci.config;

import io.fabric8.kubernetes.api.model.PodSpec;
import java.nio.file.Path;
import java.util.Optional;
import java.util.Set;
import tools.jackson.databind.JsonNode;

/**
 * A job as its file wrote it, before defaulting.
 *
 * @param label how problems name the job: its name, or its place when it has none
 * @param presentFields the fields it sets, by path without list indexes
 */
record RawJob(
    JobType type,
    Optional<String> repo,
    Path file,
    String label,
    JsonNode node,
    Optional<PodSpec> spec,
    Set<String> presentFields) {

  String string(String field) {
    return node.path(field).asString("");
  }

  Optional<String> optionalString(String field) {
    String value = string(field);
    return value.isEmpty() ? Optional.empty() : Optional.of(value);
  }

  boolean bool(String field) {
    return node.path(field).asBoolean(false);
  }

  boolean has(String field) {
    JsonNode value = node.get(field);
    return value != null && !value.isNull();
  }
}
