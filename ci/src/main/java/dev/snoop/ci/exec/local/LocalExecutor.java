package dev.snoop.ci.exec.local;

import dev.snoop.ci.artifacts.ArtifactStore;
import dev.snoop.ci.artifacts.SecretCensor;
import dev.snoop.ci.exec.Executor;
import dev.snoop.ci.run.JobRun;
import dev.snoop.ci.run.JobState;
import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs each run as a process of this machine, in its own directory {@code <root>/<run id>/}: the
 * process works in {@code workspace/} (also its {@code HOME}), its output (stdout and stderr) goes
 * straight to the build's {@code build-log.txt}, and its artifacts to the build's {@code
 * artifacts/} ({@code $ARTIFACTS}). Given a secrets directory, the output goes to {@code
 * process-log.txt} instead and each observation copies it on, censored ({@link SecretCensor}), and
 * the artifacts are censored when the run ends: a secret is never served. See {@link LocalCommand}
 * for what it runs and what it refuses.
 *
 * <p>The process outlives the engine: it runs in a session of its own under a small shell, like
 * Prow's entrypoint, which writes the process's pid to {@code pid} and, when the command ends, its
 * exit code to {@code marker-file.txt}. An engine that starts again (another JVM, another executor)
 * finds both by the run's id, so it adopts a process still running and reads the result of one that
 * ended while no engine was watching. An abort sends SIGINT to the process group and SIGKILL after
 * the run's grace period; the request is kept in {@code abort-requested}, so the kill comes even if
 * the engine that asked is gone. Timeouts are the engine's: it calls {@link #abort} at the
 * deadline.
 */
public final class LocalExecutor implements Executor, AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(LocalExecutor.class);

  static final String PID = "pid";
  static final String MARKER = "marker-file.txt";
  static final String ABORT = "abort-requested";
  static final String WORKSPACE = "workspace";
  static final String CLONE_FAILED = "clone-failed";
  static final String CLONE_LOG = "clone-log.txt";
  static final String PROCESS_LOG = "process-log.txt";
  static final String CENSORED = "artifacts-censored";

  /** The most of the process's output copied to the build log in one read. */
  private static final int LOG_CHUNK = 8 << 20;

  /**
   * Prow's entrypoint in sh: the pid first, then the command, then its exit code. SIGINT and
   * SIGTERM are caught (so they reach the command, which the shell waits for, and the code is still
   * written); {@code env --default-signal} undoes an engine started with SIGINT ignored, which its
   * children would otherwise inherit.
   */
  private static final String ENTRYPOINT =
      """
      ctl=$1; shift
      echo $$ > "$ctl/pid"
      trap : INT TERM
      if [ -f "$ctl/clone.sh" ]; then
        if ! /bin/sh "$ctl/clone.sh"; then
          echo "cloning the refs failed; see clone-log.txt"
          echo clone > "$ctl/clone-failed"
          echo 1 > "$ctl/marker-file.txt"
          exit 1
        fi
        cd "$(cat "$ctl/workdir")"
      fi
      "$@"
      code=$?
      echo $code > "$ctl/marker-file.txt"
      exit $code
      """;

  private static final Duration START_WAIT = Duration.ofSeconds(10);

  private final Path root;
  private final ArtifactStore artifacts;
  private final Map<String, String> baseEnvironment;
  private final Optional<Path> secrets;
  private final Optional<String> cloneBase;
  private final Clock clock;
  private final List<Runnable> listeners = new CopyOnWriteArrayList<>();
  private final Set<Long> watched = ConcurrentHashMap.newKeySet();
  private final ScheduledExecutorService killer =
      Executors.newSingleThreadScheduledExecutor(
          r -> {
            Thread thread = new Thread(r, "local-executor-kill");
            thread.setDaemon(true);
            return thread;
          });

  /**
   * @param root where the runs' directories are
   * @param baseEnvironment what every run's environment starts from (e.g. {@code PATH}); the
   *     engine's own environment is not passed on, since it holds the engine's credentials
   * @param secrets a directory of secrets as a pod mounts them ({@code <secret>/<key>}), for env
   *     values that take a secret
   */
  public LocalExecutor(
      Path root,
      ArtifactStore artifacts,
      Map<String, String> baseEnvironment,
      Optional<Path> secrets,
      Clock clock) {
    this(root, artifacts, baseEnvironment, secrets, Optional.empty(), clock);
  }

  /**
   * @param cloneBase where decorated runs clone their refs from, e.g. {@code https://github.com}
   *     ({@code <base>/<org>/<repo>}, see {@link CloneScript}); without it nothing is cloned and
   *     the job works in an empty directory
   */
  public LocalExecutor(
      Path root,
      ArtifactStore artifacts,
      Map<String, String> baseEnvironment,
      Optional<Path> secrets,
      Optional<String> cloneBase,
      Clock clock) {
    this.root = root.toAbsolutePath().normalize();
    this.artifacts = artifacts;
    this.baseEnvironment = Map.copyOf(baseEnvironment);
    this.secrets = secrets;
    this.cloneBase = cloneBase;
    this.clock = clock;
  }

  @Override
  public String name() {
    return "local";
  }

  /** The run's directory. */
  public Path directory(JobRun run) {
    return root.resolve(run.id());
  }

  @Override
  public String start(JobRun run) {
    Path dir = directory(run);
    if (Files.exists(dir.resolve(PID))) {
      return run.id(); // started before: adopt it
    }
    Path workspace = dir.resolve(WORKSPACE);
    LocalCommand command =
        LocalCommand.of(
            run, baseEnvironment, artifacts.artifactsDirectory(run), workspace, secrets);
    try {
      Files.createDirectories(root);
      try {
        Files.createDirectory(dir);
      } catch (FileAlreadyExistsException e) {
        if (awaitPid(dir, null)) {
          return run.id(); // another engine is starting it
        }
        log.warn("{}: an earlier start left no process; starting it again", dir);
      }
      Files.createDirectories(workspace);
      Files.createDirectories(artifacts.artifactsDirectory(run));
      Optional<CloneScript> clone =
          cloneBase.flatMap(
              base ->
                  CloneScript.of(
                      run, base, workspace, artifacts.buildDirectory(run).resolve(CLONE_LOG)));
      if (clone.isPresent()) {
        Files.writeString(dir.resolve("clone.sh"), clone.get().script(), StandardCharsets.UTF_8);
        Files.writeString(
            dir.resolve("workdir"), clone.get().workdir().toString(), StandardCharsets.UTF_8);
      }
      Path buildLog = artifacts.buildLog(run);
      // With secrets about, the output is the engine's to copy, censored, into the build log.
      Path output = secrets.isPresent() ? dir.resolve(PROCESS_LOG) : buildLog;
      if (!command.ignored().isEmpty()) {
        StringBuilder notes = new StringBuilder();
        command
            .ignored()
            .forEach(n -> notes.append("# local executor ignores ").append(n).append('\n'));
        Files.writeString(
            output,
            notes,
            StandardCharsets.UTF_8,
            StandardOpenOption.CREATE,
            StandardOpenOption.APPEND);
      }
      List<String> argv = new ArrayList<>();
      argv.addAll(
          List.of(
              "/usr/bin/setsid",
              "/usr/bin/env",
              "--default-signal=INT,TERM",
              "/bin/sh",
              "-c",
              ENTRYPOINT,
              "snoop-entrypoint",
              dir.toString()));
      argv.addAll(command.argv());
      ProcessBuilder builder = new ProcessBuilder(argv);
      builder.environment().clear();
      builder.environment().putAll(command.env());
      builder.directory(workspace.toFile());
      builder.redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")));
      builder.redirectOutput(ProcessBuilder.Redirect.appendTo(output.toFile()));
      builder.redirectErrorStream(true);
      Process process = builder.start();
      if (!awaitPid(dir, process)) {
        throw new IllegalStateException(
            "run "
                + run.id()
                + ": the process did not start within "
                + START_WAIT.toSeconds()
                + " s (exit "
                + (process.isAlive() ? "none" : process.exitValue())
                + "); see "
                + buildLog);
      }
      long pid = readPid(dir).orElseThrow();
      log.info("run {} of {} started as process {}", run.id(), run.job(), pid);
      watch(pid);
      return run.id();
    } catch (IOException e) {
      throw new UncheckedIOException("starting run " + run.id() + " in " + dir, e);
    }
  }

  @Override
  public Observation observe(JobRun run) {
    Observation seen = look(run);
    if (secrets.isPresent()) {
      copyLogCensored(run, !(seen instanceof Observation.Running));
    }
    return seen;
  }

  private Observation look(JobRun run) {
    Path dir = directory(run);
    Optional<Observation> finished = finished(dir);
    if (finished.isPresent()) {
      return finished.get();
    }
    Optional<Long> pid = readPid(dir);
    if (pid.isEmpty()) {
      return new Observation.Missing("no process was started for run " + run.id());
    }
    if (alive(dir, pid.get())) {
      killIfOverdue(run);
      watch(pid.get());
      return new Observation.Running("process " + pid.get());
    }
    // it may have written its code just now
    return finished(dir)
        .orElseGet(
            () ->
                Files.exists(dir.resolve(ABORT))
                    ? new Observation.Finished(JobState.ABORTED, "Job aborted.")
                    : new Observation.Missing(
                        "process " + pid.get() + " ended without writing its exit code (killed)"));
  }

  /**
   * Copies what the process wrote since the last call into the build log, secrets censored. While
   * it runs, the last bytes (one fewer than the longest secret) stay behind, since a secret may go
   * on past them; each piece is censored with as many bytes before it, so a secret that began in
   * the piece before is found whole. Censoring keeps lengths, so the build log's size is how far
   * the copy got, whichever engine made it; the file lock keeps two engines from copying a piece
   * twice. Once the run is over its artifacts are censored too, in place.
   */
  private synchronized void copyLogCensored(JobRun run, boolean over) {
    Path dir = directory(run);
    Path raw = dir.resolve(PROCESS_LOG);
    if (!Files.exists(raw)) {
      return;
    }
    SecretCensor censor = SecretCensor.fromDirectory(secrets.get());
    int context = Math.max(censor.longest() - 1, 0);
    try (FileChannel out =
            FileChannel.open(
                artifacts.buildLog(run), StandardOpenOption.CREATE, StandardOpenOption.WRITE);
        FileLock lock = out.lock();
        FileChannel in = FileChannel.open(raw, StandardOpenOption.READ)) {
      long done = out.size();
      long available = in.size();
      long cut = over ? available : available - context;
      while (done < cut) {
        long end = Math.min(cut, done + LOG_CHUNK);
        long from = Math.max(0, done - context);
        long to = Math.min(available, end + context);
        ByteBuffer window = ByteBuffer.allocate((int) (to - from));
        while (window.hasRemaining() && in.read(window, from + window.position()) >= 0) {}
        byte[] bytes = window.array();
        censor.censor(bytes);
        out.write(ByteBuffer.wrap(bytes, (int) (done - from), (int) (end - done)), done);
        done = end;
      }
    } catch (IOException e) {
      throw new UncheckedIOException("copying the output of run " + run.id(), e);
    }
    if (over && !Files.exists(dir.resolve(CENSORED))) {
      censorArtifacts(run, censor);
    }
  }

  private void censorArtifacts(JobRun run, SecretCensor censor) {
    try (Stream<Path> files = Files.walk(artifacts.artifactsDirectory(run))) {
      files.filter(Files::isRegularFile).forEach(censor::censor);
      Files.createFile(directory(run).resolve(CENSORED));
    } catch (FileAlreadyExistsException e) {
      // another engine censored them at the same time
    } catch (java.nio.file.NoSuchFileException e) {
      // no artifacts directory: nothing to censor
    } catch (IOException e) {
      throw new UncheckedIOException("censoring the artifacts of run " + run.id(), e);
    }
  }

  @Override
  public void abort(JobRun run) {
    Path dir = directory(run);
    Path request = dir.resolve(ABORT);
    try {
      if (!Files.exists(request)) {
        Files.createDirectories(dir);
        Files.writeString(request, String.valueOf(clock.millis()), StandardCharsets.UTF_8);
        Optional<Long> pid = readPid(dir);
        if (pid.isPresent() && alive(dir, pid.get())) {
          signal("INT", pid.get());
          killer.schedule(
              () -> killIfOverdue(run), run.gracePeriod().toMillis() + 50, TimeUnit.MILLISECONDS);
        }
      } else {
        killIfOverdue(run);
      }
    } catch (IOException e) {
      throw new UncheckedIOException("aborting run " + run.id(), e);
    }
  }

  @Override
  public void cleanUp(JobRun run) {
    Path dir = directory(run);
    Optional<Long> pid = readPid(dir);
    if (pid.isPresent() && alive(dir, pid.get())) {
      log.warn("run {}: process {} still runs; its directory stays", run.id(), pid.get());
      return;
    }
    if (!Files.exists(dir)) {
      return;
    }
    try (Stream<Path> walk = Files.walk(dir)) {
      for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(p);
      }
    } catch (IOException e) {
      throw new UncheckedIOException("removing " + dir, e);
    }
  }

  /**
   * Calls {@code changed} whenever a process this executor started or observed running ends, so the
   * engine looks at once rather than at its next resync.
   */
  @Override
  public void onChange(Runnable changed) {
    listeners.add(changed);
  }

  /** Tells the listeners when the process ends (once per process). */
  private void watch(long pid) {
    if (watched.add(pid)) {
      ProcessHandle.of(pid)
          .ifPresentOrElse(
              h -> h.onExit().thenRun(() -> listeners.forEach(Runnable::run)),
              () -> listeners.forEach(Runnable::run));
    }
  }

  /** Stops the scheduled kills of this executor; the processes go on. */
  @Override
  public void close() {
    killer.shutdownNow();
  }

  /** SIGKILL to the run's process group once its grace period after the abort request is over. */
  private void killIfOverdue(JobRun run) {
    Path dir = directory(run);
    Optional<Instant> requested = readLong(dir.resolve(ABORT)).map(Instant::ofEpochMilli);
    Optional<Long> pid = readPid(dir);
    if (requested.isEmpty() || pid.isEmpty() || !alive(dir, pid.get())) {
      return;
    }
    if (!clock.instant().isBefore(requested.get().plus(run.gracePeriod()))) {
      log.info("run {}: process {} outlived its grace period; killing it", run.id(), pid.get());
      signal("KILL", pid.get());
    }
  }

  private Optional<Observation> finished(Path dir) {
    Optional<Long> code = readLong(dir.resolve(MARKER));
    if (code.isEmpty()) {
      return Optional.empty();
    }
    if (Files.exists(dir.resolve(ABORT))) {
      return Optional.of(new Observation.Finished(JobState.ABORTED, "Job aborted."));
    }
    if (Files.exists(dir.resolve(CLONE_FAILED))) {
      return Optional.of(
          new Observation.Finished(
              JobState.FAILURE, "Job failed: cloning the refs failed (see clone-log.txt)."));
    }
    int exit = code.get().intValue();
    return Optional.of(
        switch (exit) {
          case 0 -> new Observation.Finished(JobState.SUCCESS, "Job succeeded.");
          case 126 ->
              new Observation.Finished(
                  JobState.ERROR, "Job could not start: its command is not executable.");
          case 127 ->
              new Observation.Finished(
                  JobState.ERROR, "Job could not start: its command was not found.");
          default -> new Observation.Finished(JobState.FAILURE, "Job failed.");
        });
  }

  /**
   * Whether the process is alive and is this run's entrypoint (its arguments name the run's
   * directory), not another process that got the pid after ours ended.
   */
  private static boolean alive(Path dir, long pid) {
    return ProcessHandle.of(pid)
        .filter(ProcessHandle::isAlive)
        .filter(
            h ->
                h.info()
                    .arguments()
                    .map(args -> List.of(args).contains(dir.toString()))
                    .orElse(true))
        .isPresent();
  }

  private boolean awaitPid(Path dir, Process process) {
    long deadline = System.nanoTime() + START_WAIT.toNanos();
    while (System.nanoTime() < deadline) {
      if (readPid(dir).isPresent()) {
        return true;
      }
      if (process != null && !process.isAlive() && readPid(dir).isEmpty()) {
        return false;
      }
      try {
        Thread.sleep(5);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return false;
      }
    }
    return false;
  }

  private static Optional<Long> readPid(Path dir) {
    return readLong(dir.resolve(PID));
  }

  /** A number the entrypoint wrote; empty while the file is absent or still being written. */
  private static Optional<Long> readLong(Path file) {
    try {
      String text = Files.readString(file, StandardCharsets.UTF_8).trim();
      return text.matches("\\d+") ? Optional.of(Long.parseLong(text)) : Optional.empty();
    } catch (java.nio.file.NoSuchFileException e) {
      return Optional.empty();
    } catch (IOException e) {
      throw new UncheckedIOException("reading " + file, e);
    }
  }

  /** Sends the signal to the process group the entrypoint leads. */
  private static void signal(String signal, long pid) {
    try {
      Process kill =
          new ProcessBuilder("/usr/bin/kill", "-s", signal, "--", "-" + pid)
              .redirectErrorStream(true)
              .start();
      String output = new String(kill.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      if (kill.waitFor() != 0) {
        log.warn("kill -s {} -{} failed: {}", signal, pid, output.strip());
      }
    } catch (IOException e) {
      throw new UncheckedIOException("signalling process group " + pid, e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
