package dev.snoop.submissions;

import dev.snoop.db.input.InputReader;
import dev.snoop.db.release.Release;
import dev.snoop.db.testing.SharedData;
import dev.snoop.submissions.testlist.FileTestLists;
import dev.snoop.submissions.testlist.TestLists;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

/** The real submissions and conformance lists in ../shared/data, and copies to mutate. */
final class RealData {
  private RealData() {}

  /** Lists from ../shared/data/conformance-yaml (v1.27.yaml ... v1.36.yaml). */
  static TestLists lists(Path cache) {
    return new FileTestLists(new InputReader(cache), SharedData.path("conformance-yaml"));
  }

  static Verifier verifier(Path cache, String stable) {
    return new Verifier(lists(cache), Release.parse(stable));
  }

  /** Every product folder under submissions/, e.g. submissions/v1.28/eks-d. */
  static List<Path> submissions() throws IOException {
    Path root = SharedData.path("submissions");
    try (Stream<Path> releases = Files.list(root)) {
      return releases.filter(Files::isDirectory).flatMap(RealData::children).sorted().toList();
    }
  }

  static Path submission(String releaseAndProduct) {
    return SharedData.path("submissions/" + releaseAndProduct);
  }

  /** A writable copy of a real submission at {@code into/vX.Y/<product>}. */
  static Path copy(String releaseAndProduct, Path into) throws IOException {
    Path source = submission(releaseAndProduct);
    Path target = into.resolve(releaseAndProduct);
    Files.createDirectories(target);
    try (Stream<Path> files = Files.list(source)) {
      for (Path file : files.toList()) {
        Path copy = target.resolve(file.getFileName());
        Files.copy(file, copy);
        copy.toFile().setWritable(true);
      }
    }
    return target;
  }

  private static Stream<Path> children(Path dir) {
    try (Stream<Path> list = Files.list(dir)) {
      return list.filter(Files::isDirectory).toList().stream();
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }
}
