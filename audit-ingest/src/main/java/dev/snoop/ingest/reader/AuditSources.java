package dev.snoop.ingest.reader;

import dev.snoop.db.input.InputReader;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;

/**
 * Turns the sources a user names into the files to read, in order.
 *
 * <ul>
 *   <li>A file is read whatever its name; so is a pipe ({@code /dev/stdin}, a FIFO).
 *   <li>A directory gives its regular files (not those in subdirectories, not hidden ones) whose
 *       name looks like an audit log: it contains "audit" and, after an optional .gz, ends in .log,
 *       .log.N, a rotation time (.log-20240101, audit-2024-01-01T00-00-00.000.log), .json or
 *       .jsonl. When no file matches, every file of the directory is taken: a folder of logs named
 *       otherwise is still a folder of logs. A directory without files is an error.
 *   <li>An http(s) URL is downloaded once to the cache and read from there.
 * </ul>
 *
 * Files of one rotated set (same directory, same live name) are read oldest first, where the set
 * first appears (see {@link RotationName}); other files keep the order they were named in, a
 * directory's in name order. A file named twice is read once.
 */
public final class AuditSources {
  private AuditSources() {}

  /** Expands with URLs cached in {@code ~/.snoop/cache}. */
  public static List<AuditSource> expand(List<String> args) {
    return expand(args, InputReader.defaultCacheDir());
  }

  /**
   * @throws AuditSourceException when a source does not exist, a directory has no files, or a URL
   *     cannot be downloaded
   */
  public static List<AuditSource> expand(List<String> args, Path cacheDir) {
    UrlDownloader downloader = new UrlDownloader(cacheDir);
    Map<String, List<Named>> sets = new LinkedHashMap<>();
    Set<Path> seen = new LinkedHashSet<>();
    for (String arg : args) {
      if (UrlDownloader.isUrl(arg)) {
        Path file = downloader.fetch(arg);
        sets.computeIfAbsent("url " + arg, k -> new ArrayList<>())
            .add(new Named(new AuditSource(arg, file), RotationName.of("")));
        continue;
      }
      for (Path file : files(arg)) {
        if (!seen.add(file.toAbsolutePath().normalize())) {
          continue;
        }
        RotationName rotation = RotationName.of(file.getFileName().toString());
        String key = "file " + file.toAbsolutePath().normalize().getParent() + "/" + rotation.set();
        sets.computeIfAbsent(key, k -> new ArrayList<>())
            .add(new Named(new AuditSource(file.toString(), file), rotation));
      }
    }
    List<AuditSource> ordered = new ArrayList<>();
    for (List<Named> set : sets.values()) {
      set.stream()
          .sorted((a, b) -> RotationName.OLDEST_FIRST.compare(a.rotation(), b.rotation()))
          .forEach(named -> ordered.add(named.source()));
    }
    return ordered;
  }

  private record Named(AuditSource source, RotationName rotation) {}

  private static List<Path> files(String arg) {
    Path path = Path.of(arg);
    if (!Files.exists(path)) {
      throw new AuditSourceException(arg + ": no such file or directory");
    }
    if (!Files.isDirectory(path)) {
      return List.of(path); // a regular file, or a pipe: /dev/stdin, <(zcat ...), a FIFO
    }
    List<Path> all;
    try (Stream<Path> list = Files.list(path)) {
      all =
          list.filter(Files::isRegularFile)
              .filter(p -> !p.getFileName().toString().startsWith("."))
              .sorted()
              .toList();
    } catch (IOException e) {
      throw new AuditSourceException(arg + ": cannot list the directory: " + e, e);
    }
    if (all.isEmpty()) {
      throw new AuditSourceException(arg + ": the directory has no files");
    }
    List<Path> logs =
        all.stream()
            .filter(
                p -> {
                  String name = p.getFileName().toString();
                  return RotationName.of(name).looksLikeAuditLog(name);
                })
            .toList();
    return logs.isEmpty() ? all : logs;
  }
}
