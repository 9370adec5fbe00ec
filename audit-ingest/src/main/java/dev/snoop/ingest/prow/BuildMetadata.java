package dev.snoop.ingest.prow;

import com.fasterxml.jackson.databind.JsonNode;
import dev.snoop.db.input.Documents;
import dev.snoop.db.input.InputBytes;
import dev.snoop.db.input.InputException;
import java.time.Instant;
import java.util.Optional;

/** Parses a build's started.json and finished.json (Prow's {@code testgrid/metadata} shapes). */
final class BuildMetadata {
  static final String SUCCESS = "SUCCESS";

  private BuildMetadata() {}

  /**
   * @param commit {@code repo-commit}, else the base commit of kubernetes/kubernetes in {@code
   *     repos}
   */
  record Started(Instant timestamp, Optional<String> commit) {}

  /**
   * @param result {@code result}, else SUCCESS or FAILURE from {@code passed} (older files), else
   *     UNKNOWN
   * @param jobVersion {@code metadata["job-version"]}, else {@code version} (older files)
   */
  record Finished(Instant timestamp, String result, Optional<String> jobVersion) {
    boolean succeeded() {
      return SUCCESS.equals(result);
    }
  }

  static Started started(InputBytes file) {
    JsonNode root = parse(file, "a Prow started.json");
    Optional<String> commit = text(root.path("repo-commit"));
    if (commit.isEmpty()) {
      commit =
          text(root.path("repos").path("kubernetes/kubernetes")).flatMap(BuildMetadata::baseSha);
    }
    return new Started(timestamp(file, root, "started.json"), commit);
  }

  static Finished finished(InputBytes file) {
    JsonNode root = parse(file, "a Prow finished.json");
    String result =
        text(root.path("result"))
            .orElseGet(
                () -> {
                  JsonNode passed = root.path("passed");
                  if (!passed.isBoolean()) {
                    return "UNKNOWN";
                  }
                  return passed.booleanValue() ? SUCCESS : "FAILURE";
                });
    Optional<String> jobVersion = text(root.path("metadata").path("job-version"));
    if (jobVersion.isEmpty()) {
      jobVersion = text(root.path("version"));
    }
    return new Finished(timestamp(file, root, "finished.json"), result, jobVersion);
  }

  private static JsonNode parse(InputBytes file, String what) {
    JsonNode root;
    try {
      root = Documents.json(file, what);
    } catch (InputException e) {
      throw new BuildMetadataException(e.getMessage(), e);
    }
    if (!root.isObject()) {
      throw new BuildMetadataException(
          file.source()
              + ": expected "
              + what
              + " (a mapping) but found "
              + Documents.typeOf(root));
    }
    return root;
  }

  /** Epoch seconds, as Prow writes them; TestGrid too rejects a missing or zero timestamp. */
  private static Instant timestamp(InputBytes file, JsonNode root, String what) {
    JsonNode value = root.path("timestamp");
    if (!value.canConvertToLong() || value.asLong() <= 0) {
      throw new BuildMetadataException(
          file.source()
              + ": \"timestamp\" should be the epoch seconds but is "
              + Documents.typeOf(value)
              + "; expected a Prow "
              + what);
    }
    return Instant.ofEpochSecond(value.asLong());
  }

  private static Optional<String> text(JsonNode node) {
    return node.isTextual() && !node.asText().isBlank()
        ? Optional.of(node.asText().strip())
        : Optional.empty();
  }

  /** {@code "master:abc123,123:def456"}: the base ref's commit, {@code abc123}. */
  private static Optional<String> baseSha(String refs) {
    String base = refs.split(",", 2)[0];
    int colon = base.indexOf(':');
    return colon < 0 || colon == base.length() - 1
        ? Optional.empty()
        : Optional.of(base.substring(colon + 1));
  }
}
