package dev.snoop.ci.config;

import dev.snoop.db.testing.SharedData;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

/**
 * The 15 real job files in the shared data: every YAML file under prow/jobs but Prow's own config.
 */
public final class RealJobFiles {
  private RealJobFiles() {}

  public static Path root() {
    return SharedData.path("prow/jobs");
  }

  public static Path prowConfig() {
    return SharedData.path("prow/jobs/kubernetes+test-infra/config/prow/config.yaml");
  }

  public static List<Path> all() {
    try (Stream<Path> walk = Files.walk(root())) {
      return walk.filter(p -> p.toString().endsWith(".yaml"))
          .filter(p -> !p.getParent().endsWith(Path.of("config", "prow")))
          .sorted()
          .toList();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
