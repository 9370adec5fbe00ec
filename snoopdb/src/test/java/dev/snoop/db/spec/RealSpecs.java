package dev.snoop.db.spec;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.snoop.db.input.InputBytes;
import dev.snoop.db.testing.SharedData;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** The real specs in the shared data and the counts published beside them. */
final class RealSpecs {
  static final List<String> V2_RELEASES = List.of("1.30.0", "1.33.0", "1.34.0", "1.35.0");
  static final ObjectMapper JSON = new ObjectMapper();

  private RealSpecs() {}

  static Path swagger(String release) {
    return SharedData.path("openapi/v" + release + "/swagger.json");
  }

  static InputBytes bytes(Path file) {
    try {
      return new InputBytes(file.toString(), Files.readAllBytes(file));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static List<SpecOperation> operations(String release) {
    return SpecParser.parseV2(bytes(swagger(release)));
  }

  /** The entry of openapi/STATS.json for a release's swagger.json. */
  static JsonNode stats(String release) {
    JsonNode all = json(SharedData.path("openapi/STATS.json"));
    for (JsonNode entry : all) {
      if (entry.path("file").asText().equals("v" + release + "/swagger.json")) {
        return entry;
      }
    }
    throw new AssertionError("STATS.json has no entry for " + release);
  }

  static JsonNode json(Path file) {
    try {
      return JSON.readTree(file.toFile());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
