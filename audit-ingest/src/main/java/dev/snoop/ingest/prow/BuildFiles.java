package dev.snoop.ingest.prow;

import dev.snoop.db.input.InputBytes;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;

/**
 * The files of one build: {@code logs/<job>/<build>/...} in the bucket, copied once into {@code
 * <cache>/prow/<job>/<build>/...} under the same relative names.
 *
 * <p>Prow writes each file of a build once, so a file found is cached for good, while a file not
 * found (finished.json of a running build) is asked for again next time. Every copy is written to a
 * {@code .part} file first and moved into place, so a file in the cache is always complete.
 */
final class BuildFiles {
  private final ProwBucket bucket;
  private final String job;
  private final String build;
  private final Path dir;

  BuildFiles(ProwBucket bucket, Path prowCache, String job, String build) {
    this.bucket = bucket;
    this.job = job;
    this.build = build;
    this.dir = prowCache.resolve(job).resolve(build).toAbsolutePath().normalize();
  }

  String job() {
    return job;
  }

  String build() {
    return build;
  }

  /** The cache directory of this build. */
  Path dir() {
    return dir;
  }

  /** The build's folder in the bucket, {@code logs/<job>/<build>/}. */
  String folder() {
    return "logs/" + job + "/" + build + "/";
  }

  /** The URL of a file of the build, for messages. */
  String url(String relative) {
    return bucket.url(folder() + relative);
  }

  /**
   * A small file of the build, parsed; the parser's errors name the file's URL. A file that does
   * not parse is not cached.
   */
  <T> Optional<T> read(String relative, Function<InputBytes, T> parser) {
    Path local = local(relative);
    String source = url(relative);
    if (Files.isRegularFile(local)) {
      try {
        return Optional.of(parser.apply(new InputBytes(source, Files.readAllBytes(local))));
      } catch (IOException e) {
        throw new UncheckedIOException("cannot read " + local, e);
      } catch (RuntimeException e) {
        deleteQuietly(local);
        throw e;
      }
    }
    Optional<byte[]> bytes = bucket.read(folder() + relative);
    if (bytes.isEmpty()) {
      return Optional.empty();
    }
    T value = parser.apply(new InputBytes(source, bytes.get()));
    write(local, bytes.get());
    return Optional.of(value);
  }

  /** The sub-folders and files directly under a folder of the build, relative to the build. */
  Relative list(String relativeFolder) {
    ProwBucket.Listing listing = bucket.list(folder() + relativeFolder);
    return new Relative(relativize(listing.folders()), relativize(listing.objects()));
  }

  /** Folder and file names relative to the build's folder. */
  record Relative(List<String> folders, List<String> files) {}

  private List<String> relativize(List<String> names) {
    return names.stream()
        .filter(name -> name.startsWith(folder()))
        .map(name -> name.substring(folder().length()))
        .toList();
  }

  /** The local copy of a file of the build, downloaded unless the cache holds it already. */
  Path download(String relative) {
    Path local = local(relative);
    if (Files.isRegularFile(local)) {
      return local;
    }
    try {
      Files.createDirectories(local.getParent());
      Path part = Files.createTempFile(local.getParent(), local.getFileName().toString(), ".part");
      try {
        bucket.download(folder() + relative, part);
        Files.move(part, local, StandardCopyOption.ATOMIC_MOVE);
      } finally {
        Files.deleteIfExists(part);
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write " + local, e);
    }
    return local;
  }

  /** Writes a small file of the build into the cache, whole or not at all. */
  void write(String relative, byte[] bytes) {
    write(local(relative), bytes);
  }

  private static void write(Path local, byte[] bytes) {
    try {
      Files.createDirectories(local.getParent());
      Path part = Files.createTempFile(local.getParent(), local.getFileName().toString(), ".part");
      try {
        Files.write(part, bytes);
        Files.move(
            part, local, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
      } finally {
        Files.deleteIfExists(part);
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write " + local, e);
    }
  }

  /** Where a file of the build is cached; names that would leave the build's folder are refused. */
  Path local(String relative) {
    Path local = dir.resolve(relative).normalize();
    if (relative.isEmpty() || relative.startsWith("/") || !local.startsWith(dir)) {
      throw new BucketReadException(
          url(relative) + ": the object name leaves the build's folder; refusing to copy it");
    }
    return local;
  }

  private static void deleteQuietly(Path path) {
    try {
      Files.deleteIfExists(path);
    } catch (IOException e) {
      // the broken copy is parsed (and refused) again next time
    }
  }
}
