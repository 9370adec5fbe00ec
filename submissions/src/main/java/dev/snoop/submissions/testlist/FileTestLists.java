package dev.snoop.submissions.testlist;

import dev.snoop.db.conformance.ConformanceListParser;
import dev.snoop.db.conformance.ConformanceTest;
import dev.snoop.db.input.Input;
import dev.snoop.db.input.InputReader;
import dev.snoop.db.release.Release;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Lists from local files: one conformance.yaml used for whatever release is asked, or a folder
 * holding {@code vX.Y.yaml} or {@code vX.Y/conformance.yaml} per release (the bot's {@code
 * kodata/conformance-testdata} layout). Each file is parsed once.
 */
public final class FileTestLists implements TestLists {
  private final InputReader reader;
  private final Path path;
  private final Map<Path, List<ConformanceTest>> parsed = new ConcurrentHashMap<>();

  public FileTestLists(InputReader reader, Path fileOrFolder) {
    this.reader = reader;
    this.path = fileOrFolder;
  }

  @Override
  public Optional<RequiredTests> find(Release release) {
    Path file = path;
    if (Files.isDirectory(path)) {
      String minor = release.minorVersion();
      file = path.resolve(minor + ".yaml");
      if (!Files.exists(file)) {
        file = path.resolve(minor).resolve("conformance.yaml");
      }
      if (!Files.exists(file)) {
        return Optional.empty();
      }
    }
    List<ConformanceTest> tests =
        parsed.computeIfAbsent(
            file, f -> reader.read(Input.file(f), ConformanceListParser::parse).value());
    return Optional.of(RequiredTests.of(release, file.toString(), tests));
  }
}
