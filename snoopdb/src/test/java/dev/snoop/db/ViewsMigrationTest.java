package dev.snoop.db;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.HashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

class ViewsMigrationTest {
  private static final Path RESOURCES = Path.of("../migrations/src/main/resources");

  @Test
  void everyViewFileIsListedAndEveryListedViewHasAFile() throws IOException {
    try (Stream<Path> files = Files.list(RESOURCES.resolve(ViewsMigration.FOLDER))) {
      assertThat(
              files
                  .map(f -> f.getFileName().toString())
                  .filter(name -> name.endsWith(".sql"))
                  .map(name -> name.substring(0, name.length() - ".sql".length())))
          .as("the files in db/views and the views listed in db/views/views.txt")
          .containsExactlyInAnyOrderElementsOf(new ViewsMigration().list().views());
    }
  }

  @Test
  void theViewsFollowTheNewestVersionedMigration() throws IOException {
    Pattern versioned = Pattern.compile("V(\\d+)__.*\\.sql");
    int newest;
    try (Stream<Path> files = Files.list(RESOURCES.resolve("db/migration"))) {
      newest =
          files
              .map(f -> versioned.matcher(f.getFileName().toString()))
              .filter(Matcher::matches)
              .map(m -> Integer.parseInt(m.group(1)))
              .max(Comparator.naturalOrder())
              .orElseThrow();
    }
    assertThat(new ViewsMigration().list().after())
        .as(
            "db/views/views.txt must say 'after V%d', the newest versioned migration, so the views"
                + " are created again after it runs",
            newest)
        .isEqualTo("V" + newest);
  }

  @Test
  void changingAnyViewChangesTheChecksum() {
    Map<String, String> files = new HashMap<>();
    ViewsMigration original = new ViewsMigration(path -> remember(files, path));
    int checksum = original.getChecksum(); // reads every file
    for (String view : original.list().views()) {
      Map<String, String> changed = new HashMap<>(files);
      String path = ViewsMigration.FOLDER + view + ".sql";
      changed.put(path, changed.get(path) + "\n-- changed\n");
      assertThat(new ViewsMigration(changed::get).getChecksum()).as(view).isNotEqualTo(checksum);
    }
  }

  private static String remember(Map<String, String> files, String path) {
    return files.computeIfAbsent(path, ViewsMigration::classpathResource);
  }
}
