package dev.snoop.ci.config;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Loads Prow job config from files and directories, as Prow's {@code --job-config-path}: a
 * directory is walked for {@code .yaml} and {@code .yml} files (names starting with {@code ..}, as
 * Kubernetes' ConfigMap mounts have, are skipped; two files with the same name in one directory
 * tree are an error, since Prow's config updater keys files by name); then every job is defaulted
 * and the whole config validated.
 */
public final class JobConfigLoader {
  private static final Logger log = LoggerFactory.getLogger(JobConfigLoader.class);

  private JobConfigLoader() {}

  /** Loads the job config at {@code paths} (files or directories) with Prow's {@code settings}. */
  public static JobConfig load(List<Path> paths, ProwSettings settings) {
    List<Problem> problems = new ArrayList<>();
    List<RawJob> raws = new ArrayList<>();
    Map<String, Integer> ignored = new TreeMap<>();
    int files = 0;
    for (Path path : paths) {
      for (Path file : files(path, problems)) {
        files++;
        JobFileReader.Contents contents = JobFileReader.read(file);
        raws.addAll(contents.jobs());
        problems.addAll(contents.problems());
        contents.fileLevelFields().forEach(f -> ignored.merge(f, 1, Integer::sum));
      }
    }
    List<Job> jobs = new ArrayList<>();
    for (RawJob raw : raws) {
      jobs.add(JobDefaulter.apply(raw, settings, problems));
      raw.presentFields().stream()
          .map(EngineFields::ignoredAs)
          .flatMap(java.util.Optional::stream)
          .distinct()
          .forEach(f -> ignored.merge(f, 1, Integer::sum));
    }
    JobValidator.validate(raws, jobs, settings, problems);
    log.debug("loaded {} jobs from {} files, {} problems", jobs.size(), files, problems.size());
    return new JobConfig(jobs, problems, ignored, files);
  }

  private static List<Path> files(Path path, List<Problem> problems) {
    if (!Files.exists(path)) {
      problems.add(Problem.ofFile(path, "no such file or directory"));
      return List.of();
    }
    if (!Files.isDirectory(path)) {
      return List.of(path);
    }
    List<Path> found = new ArrayList<>();
    Map<String, Path> byName = new HashMap<>();
    try (Stream<Path> walk = Files.walk(path)) {
      for (Path file :
          walk.filter(Files::isRegularFile)
              .filter(f -> !underDotDot(path, f))
              .filter(f -> f.toString().endsWith(".yaml") || f.toString().endsWith(".yml"))
              .sorted()
              .toList()) {
        Path other = byName.putIfAbsent(file.getFileName().toString(), file);
        if (other != null) {
          problems.add(
              Problem.ofFile(
                  file, "another file has the same name (" + other + "); names must be unique"));
          continue;
        }
        found.add(file);
      }
    } catch (IOException | UncheckedIOException e) {
      problems.add(Problem.ofFile(path, "cannot list: " + e.getMessage()));
    }
    return found;
  }

  private static boolean underDotDot(Path root, Path file) {
    for (Path part : root.relativize(file)) {
      if (part.toString().startsWith("..")) {
        return true;
      }
    }
    return false;
  }
}
