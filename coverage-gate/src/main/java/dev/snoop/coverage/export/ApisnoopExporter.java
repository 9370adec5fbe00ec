package dev.snoop.coverage.export;

import dev.snoop.db.release.Release;
import dev.snoop.db.spec.NoSpecException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.jooq.DSLContext;

/** Writes APISnoop's coverage files ({@link ApisnoopFiles}) into a folder. */
public final class ApisnoopExporter {
  private final ApisnoopFiles files;

  public ApisnoopExporter(DSLContext sql) {
    this.files = new ApisnoopFiles(sql);
  }

  /**
   * Writes {@code <release>.json} of this release and the shared files into {@code dir} (created if
   * missing); returns them.
   *
   * @throws NoSpecException when no spec is loaded for the release
   */
  public List<Path> export(Release release, Path dir) {
    if (!files.releases().contains(release)) {
      throw new NoSpecException(release);
    }
    return write(List.of(release), dir);
  }

  /**
   * Writes {@code <release>.json} of every release with a loaded spec and the shared files: a
   * folder APISnoop's web app can read whole.
   *
   * @throws NoSpecException when no spec is loaded at all
   */
  public List<Path> exportAll(Path dir) {
    List<Release> releases = files.releases();
    if (releases.isEmpty()) {
      throw NoSpecException.none();
    }
    return write(releases, dir);
  }

  private List<Path> write(List<Release> releases, Path dir) {
    List<String> names = new ArrayList<>();
    releases.forEach(r -> names.add(ApisnoopFiles.releaseFile(r)));
    names.addAll(ApisnoopFiles.SHARED);
    try {
      Files.createDirectories(dir);
      List<Path> written = new ArrayList<>();
      for (String name : names) {
        Path file = dir.resolve(name);
        Files.write(file, files.content(name).orElseThrow());
        written.add(file);
      }
      return written;
    } catch (IOException e) {
      throw new UncheckedIOException("writing the coverage files to " + dir + ": " + e, e);
    }
  }
}
