package dev.snoop.ingest.prow;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * {@code snoop-build.json} in a build's cache directory, written last: the build's description and
 * its audit logs, all downloaded. While it is there, fetching the build again asks the bucket for
 * nothing. Delete the build's directory to fetch it anew.
 */
final class CompletedDownload {
  static final String FILE = "snoop-build.json";
  private static final ObjectMapper JSON = new ObjectMapper();

  private CompletedDownload() {}

  /** The completed download, when the marker is there, readable, and every file it lists is. */
  static Optional<ProwAuditLogs> read(BuildFiles build) {
    Path marker = build.dir().resolve(FILE);
    if (!Files.isRegularFile(marker)) {
      return Optional.empty();
    }
    try {
      JsonNode root = JSON.readTree(marker.toFile());
      ProwBuild described =
          new ProwBuild(
              root.path("job").asText(),
              root.path("buildId").asText(),
              root.path("url").asText(),
              optional(root.path("kubernetesVersion")),
              optional(root.path("commit")),
              Instant.parse(root.path("started").asText()),
              Instant.parse(root.path("finished").asText()),
              root.path("result").asText());
      List<Path> files = new ArrayList<>();
      for (JsonNode file : root.path("auditLogs")) {
        Path local = build.local(file.asText());
        if (!Files.isRegularFile(local)) {
          return Optional.empty();
        }
        files.add(local);
      }
      boolean same =
          described.job().equals(build.job()) && described.buildId().equals(build.build());
      return same && !files.isEmpty()
          ? Optional.of(new ProwAuditLogs(described, files))
          : Optional.empty();
    } catch (IOException | RuntimeException e) {
      return Optional.empty();
    }
  }

  static void write(BuildFiles build, ProwBuild described, List<String> auditLogs) {
    ObjectNode root = JSON.createObjectNode();
    root.put("job", described.job());
    root.put("buildId", described.buildId());
    root.put("url", described.url());
    described.kubernetesVersion().ifPresent(v -> root.put("kubernetesVersion", v));
    described.commit().ifPresent(c -> root.put("commit", c));
    root.put("started", described.started().toString());
    root.put("finished", described.finished().toString());
    root.put("result", described.result());
    ArrayNode files = root.putArray("auditLogs");
    auditLogs.forEach(files::add);
    try {
      build.write(FILE, JSON.writerWithDefaultPrettyPrinter().writeValueAsBytes(root));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static Optional<String> optional(JsonNode node) {
    return node.isTextual() ? Optional.of(node.asText()) : Optional.empty();
  }
}
