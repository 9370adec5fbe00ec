package dev.snoop.db.spec;

import dev.snoop.db.input.Input;
import dev.snoop.db.input.InputException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.stream.Stream;

/** The spec input of a release: a swagger.json, or a set of OpenAPI v3 documents. */
public sealed interface SpecSource {
  /** Names the input in messages and in the load log. */
  String source();

  /** Master moves; its cached copy is refreshed after this long. */
  Duration MASTER_MAX_AGE = Duration.ofHours(1);

  /** A Swagger 2.0 swagger.json. */
  record V2(Input input) implements SpecSource {
    @Override
    public String source() {
      return input.source();
    }
  }

  /** OpenAPI v3 group-version documents, together one spec. */
  record V3(String source, List<Input> documents) implements SpecSource {
    public V3 {
      if (documents.isEmpty()) {
        throw new InputException(source + ": no OpenAPI v3 documents (*.json) found");
      }
    }
  }

  /**
   * kubernetes/kubernetes' swagger.json at the release tag, or at master for the working release.
   */
  static SpecSource upstream(String tag, boolean working) {
    String ref = working ? "master" : tag;
    String url =
        "https://raw.githubusercontent.com/kubernetes/kubernetes/"
            + ref
            + "/api/openapi-spec/swagger.json";
    return new V2(working ? Input.url(url, MASTER_MAX_AGE) : Input.url(url));
  }

  /** The v3 documents of a directory (every *.json in it), or one v3 document. */
  static SpecSource v3(Path path) {
    if (!Files.isDirectory(path)) {
      return new V3(path.toString(), List.of(Input.file(path)));
    }
    try (Stream<Path> files = Files.list(path)) {
      List<Input> documents =
          files
              .filter(f -> f.getFileName().toString().endsWith(".json"))
              .sorted()
              .map(Input::file)
              .toList();
      return new V3(path.toString(), documents);
    } catch (IOException e) {
      throw new InputException(path + ": cannot list the directory: " + e.getMessage(), e);
    }
  }
}
