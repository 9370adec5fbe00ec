package dev.snoop.ci.artifacts;

import dev.snoop.ci.config.JobType;
import dev.snoop.ci.run.JobRun;
import dev.snoop.ci.run.JobState;
import dev.snoop.ci.run.ProwJobDocument;
import dev.snoop.ci.run.Refs;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * Builds' files in Prow's layout under a local directory, as Prow's pod utilities and crier write
 * them to a bucket, so TestGrid, Spyglass and deck can read a copy of the tree unchanged: {@code
 * started.json} when a run starts, {@code prowjob.json} on each change of state, the job's output
 * in {@code build-log.txt} (written by the executor as it runs), {@code artifacts/} ({@code
 * $ARTIFACTS}), and {@code finished.json} last. Every file is written whole or not at all (written
 * aside, then moved into place), so a reader never sees half a file.
 */
public final class ArtifactStore {
  private static final Logger log = LoggerFactory.getLogger(ArtifactStore.class);
  static final ObjectMapper JSON = JsonMapper.builder().build();

  public static final String STARTED = "started.json";
  public static final String FINISHED = "finished.json";
  public static final String BUILD_LOG = "build-log.txt";
  public static final String PROWJOB = "prowjob.json";
  public static final String PODINFO = "podinfo.json";
  public static final String ARTIFACTS = "artifacts";
  public static final String LATEST_BUILD = "latest-build.txt";

  /** What a job may write into {@code $ARTIFACTS} to add to {@code finished.json}'s metadata. */
  static final String METADATA = "metadata.json";

  /** The paths (relative to the build directory) Spyglass's junit lens reads. */
  static final Pattern JUNIT = Pattern.compile(".*/junit.*\\.xml");

  private final Path root;
  private final String linkBase;
  private final String namespace;
  private final Clock clock;

  /**
   * @param root the directory holding {@code logs/} and {@code pr-logs/}
   * @param linkBase what a presubmit's {@code pr-logs/directory/<job>/<build>.txt} link starts with
   *     (Prow writes {@code gs://<bucket>}): the root's {@code file:} URI, or the bucket the tree
   *     is copied to
   * @param namespace the namespace written into {@code prowjob.json}
   */
  public ArtifactStore(Path root, String linkBase, String namespace, Clock clock) {
    this.root = root.toAbsolutePath().normalize();
    this.linkBase =
        linkBase.endsWith("/") ? linkBase.substring(0, linkBase.length() - 1) : linkBase;
    this.namespace = namespace;
    this.clock = clock;
  }

  /** A store whose links are {@code file:} URIs of the root. */
  public static ArtifactStore local(Path root, String namespace) {
    return new ArtifactStore(
        root, root.toAbsolutePath().normalize().toUri().toString(), namespace, Clock.systemUTC());
  }

  public Path root() {
    return root;
  }

  /** The run's build directory, {@code logs/<job>/<build>} or the presubmit's. */
  public Path buildDirectory(JobRun run) {
    return root.resolve(BuildPaths.buildDirectory(run));
  }

  /** {@code $ARTIFACTS} for the run: the build directory's {@code artifacts/}. */
  public Path artifactsDirectory(JobRun run) {
    return buildDirectory(run).resolve(ARTIFACTS);
  }

  /** Where the run's output goes, as it is written. */
  public Path buildLog(JobRun run) {
    return buildDirectory(run).resolve(BUILD_LOG);
  }

  /**
   * The run started: its directories, {@code started.json} (kept if a restarted engine starts the
   * run again, so its time stays the first start's), {@code latest-build.txt} and, for a presubmit,
   * the links in {@code pr-logs/directory/<job>/}, then {@code prowjob.json}.
   */
  public void started(JobRun run) {
    Path build = buildDirectory(run);
    createDirectories(artifactsDirectory(run));
    Path started = build.resolve(STARTED);
    if (!Files.exists(started)) {
      write(started, json(StartedJson.of(run, run.pendingTime().orElse(clock.instant()))));
    }
    latestBuild(root.resolve(BuildPaths.jobDirectory(run)), run);
    if (run.type() == JobType.PRESUBMIT) {
      Path directory = root.resolve(BuildPaths.presubmitDirectory(run));
      latestBuild(directory, run);
      write(
          directory.resolve(run.buildIdText() + ".txt"),
          linkBase + "/" + BuildPaths.buildDirectory(run));
    }
    prowJob(run);
  }

  /** {@code prowjob.json}: the run as a ProwJob resource, in its current state. */
  public void prowJob(JobRun run) {
    write(buildDirectory(run).resolve(PROWJOB), json(ProwJobDocument.of(run, namespace)));
  }

  /**
   * {@code podinfo.json}: {@code {"pod": ..., "events": [...], "node": ...}} of a run that ran in a
   * pod, as Prow's crier writes it once the job is complete. A local run has no pod and writes
   * none.
   */
  public void podInfo(JobRun run, ObjectNode podInfo) {
    write(buildDirectory(run).resolve(PODINFO), json(podInfo));
  }

  /**
   * The run is complete: {@code prowjob.json} in its final state, then {@code finished.json} with
   * the result and the metadata the job wrote to {@code $ARTIFACTS/metadata.json}. Written last:
   * readers take a build without it as still running.
   *
   * @throws IllegalArgumentException if the run has not finished
   */
  public void finished(JobRun run) {
    if (!run.state().finished()) {
      throw new IllegalArgumentException(
          "run " + run.id() + " is " + run.state().prowName() + ", not finished");
    }
    prowJob(run);
    ObjectNode finished = JSON.createObjectNode();
    finished.put("timestamp", run.completionTime().orElse(clock.instant()).getEpochSecond());
    finished.put("passed", run.state() == JobState.SUCCESS);
    finished.put("result", result(run.state()));
    revision(run).ifPresent(sha -> finished.put("revision", sha));
    ObjectNode metadata = jobMetadata(run);
    if (!metadata.isEmpty()) {
      finished.set("metadata", metadata);
    }
    write(buildDirectory(run).resolve(FINISHED), json(finished));
  }

  /** {@code finished.json}'s result: SUCCESS, FAILURE, ABORTED or ERROR. */
  static String result(JobState state) {
    return state.prowName().toUpperCase(Locale.ROOT);
  }

  /** The commit the run tested: the pull request's head, else the base. */
  static Optional<String> revision(JobRun run) {
    return run.refs().flatMap(r -> r.pull().map(Refs.Pull::sha).or(r::baseSha));
  }

  /**
   * A file of the run's build directory, if {@code relative} names one inside it. Nothing outside
   * the build directory is ever returned: not by {@code ..}, an absolute path, or a symbolic link a
   * job left in its artifacts pointing elsewhere.
   */
  public Optional<Path> file(JobRun run, String relative) {
    Path build = buildDirectory(run);
    if (relative.isEmpty() || relative.indexOf('\0') >= 0 || relative.contains("\\")) {
      return Optional.empty();
    }
    Path candidate = build.resolve(relative).normalize();
    if (!candidate.startsWith(build) || candidate.equals(build)) {
      return Optional.empty();
    }
    try {
      Path real = candidate.toRealPath();
      return real.startsWith(build.toRealPath()) && Files.isRegularFile(real)
          ? Optional.of(real)
          : Optional.empty();
    } catch (NoSuchFileException e) {
      return Optional.empty();
    } catch (IOException e) {
      throw new UncheckedIOException("reading " + candidate, e);
    }
  }

  /**
   * A JSON object file of the build directory ({@code started.json}, ...), if present and valid.
   */
  public Optional<ObjectNode> jsonFile(JobRun run, String relative) {
    return file(run, relative)
        .flatMap(
            path -> {
              try {
                JsonNode node = JSON.readTree(path.toFile());
                return node instanceof ObjectNode object ? Optional.of(object) : Optional.empty();
              } catch (JacksonException e) {
                log.warn("{} is not a JSON object: {}", path, e.getOriginalMessage());
                return Optional.empty();
              }
            });
  }

  /**
   * The build directory's files, relative to it ({@code artifacts/junit_gate.xml}), sorted; files
   * being written (dot-files) and symbolic links are left out.
   */
  public List<String> files(JobRun run) {
    Path build = buildDirectory(run);
    if (!Files.isDirectory(build)) {
      return List.of();
    }
    try (Stream<Path> walk = Files.walk(build)) {
      return walk.filter(p -> Files.isRegularFile(p, LinkOption.NOFOLLOW_LINKS))
          .filter(p -> !p.getFileName().toString().startsWith("."))
          .map(p -> build.relativize(p).toString().replace('\\', '/'))
          .sorted()
          .toList();
    } catch (IOException e) {
      throw new UncheckedIOException("listing " + build, e);
    }
  }

  /** The JUnit files Spyglass's junit lens shows ({@code .../junit*.xml}), each read. */
  public List<JunitFile> junit(JobRun run) {
    List<JunitFile> reports = new ArrayList<>();
    for (String name : files(run)) {
      if (JUNIT.matcher(name).matches()) {
        Optional<Path> file = file(run, name);
        if (file.isPresent()) {
          try {
            reports.add(new JunitFile(name, JunitReport.parse(Files.readAllBytes(file.get()))));
          } catch (IOException e) {
            throw new UncheckedIOException("reading " + file.get(), e);
          }
        }
      }
    }
    return reports;
  }

  /** A JUnit file of a build: its path in the build directory and what it says. */
  public record JunitFile(String path, JunitReport report) {}

  private ObjectNode jobMetadata(JobRun run) {
    Path file = artifactsDirectory(run).resolve(METADATA);
    if (!Files.isRegularFile(file)) {
      return JSON.createObjectNode();
    }
    try {
      JsonNode node = JSON.readTree(file.toFile());
      if (node instanceof ObjectNode object) {
        return object;
      }
      log.warn("{} is no JSON object; finished.json gets no metadata from it", file);
    } catch (JacksonException e) {
      log.warn("{} is not JSON ({}); finished.json gets no metadata from it", file, e.getMessage());
    }
    return JSON.createObjectNode();
  }

  /** Moves {@code latest-build.txt} forward only: a run that starts late never moves it back. */
  private synchronized void latestBuild(Path directory, JobRun run) {
    Path file = directory.resolve(LATEST_BUILD);
    try {
      if (Files.exists(file)) {
        String current = Files.readString(file, StandardCharsets.UTF_8).trim();
        if (current.matches("\\d+")
            && Long.compareUnsigned(Long.parseUnsignedLong(current), run.buildId()) > 0) {
          return;
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException("reading " + file, e);
    } catch (NumberFormatException e) {
      log.warn("{} holds no build id; replacing it", file);
    }
    write(file, run.buildIdText());
  }

  private static String json(JsonNode node) {
    return JSON.writerWithDefaultPrettyPrinter().writeValueAsString(node);
  }

  private static void createDirectories(Path dir) {
    try {
      Files.createDirectories(dir);
    } catch (IOException e) {
      throw new UncheckedIOException("creating " + dir, e);
    }
  }

  /** Writes the file whole: aside first, then moved over the old one. */
  static void write(Path file, String content) {
    createDirectories(file.getParent());
    Path aside = null;
    try {
      aside = Files.createTempFile(file.getParent(), "." + file.getFileName(), ".tmp");
      Files.writeString(aside, content, StandardCharsets.UTF_8);
      try {
        Files.move(
            aside, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
      } catch (AtomicMoveNotSupportedException e) {
        Files.move(aside, file, StandardCopyOption.REPLACE_EXISTING);
      }
    } catch (IOException e) {
      throw new UncheckedIOException("writing " + file, e);
    } finally {
      try {
        if (aside != null) {
          Files.deleteIfExists(aside);
        }
      } catch (IOException e) {
        log.warn("could not remove {}", aside, e);
      }
    }
  }
}
