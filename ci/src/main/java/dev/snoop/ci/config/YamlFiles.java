package dev.snoop.ci.config;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.GZIPInputStream;
import tools.jackson.core.JacksonException;
import tools.jackson.core.StreamReadFeature;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.MissingNode;
import tools.jackson.dataformat.yaml.YAMLMapper;

/** Reads a YAML file (gzipped or not, as Prow accepts) into a tree. */
final class YamlFiles {
  private static final YAMLMapper YAML =
      YAMLMapper.builder().enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION).build();

  private YamlFiles() {}

  /**
   * The file's first document; a missing node for an empty file.
   *
   * @throws JobConfigException naming the file when it cannot be read or is not YAML
   */
  static JsonNode read(Path file) {
    try {
      byte[] bytes = Files.readAllBytes(file);
      InputStream in = new ByteArrayInputStream(bytes);
      if (bytes.length > 1 && (bytes[0] & 0xff) == 0x1f && (bytes[1] & 0xff) == 0x8b) {
        in = new GZIPInputStream(in);
      }
      JsonNode node = YAML.readTree(in);
      return node == null ? MissingNode.getInstance() : node;
    } catch (IOException e) {
      throw new JobConfigException(
          java.util.List.of(Problem.ofFile(file, "cannot read: " + e.getMessage())));
    } catch (JacksonException e) {
      throw new JobConfigException(
          java.util.List.of(
              Problem.ofFile(
                  file,
                  "not valid YAML: "
                      + e.getOriginalMessage()
                      + (e.getLocation() == null
                          ? ""
                          : " (line " + e.getLocation().getLineNr() + ")"))));
    }
  }
}
