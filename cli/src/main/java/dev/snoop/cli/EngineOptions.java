package dev.snoop.cli;

import dev.snoop.ci.artifacts.ArtifactStore;
import dev.snoop.ci.artifacts.BuildPaths;
import dev.snoop.ci.config.GoDuration;
import dev.snoop.ci.engine.EngineSettings;
import dev.snoop.ci.exec.Executor;
import dev.snoop.ci.exec.kubernetes.KubernetesExecutor;
import dev.snoop.ci.exec.local.LocalExecutor;
import dev.snoop.ci.exec.prow.ProwExecutor;
import dev.snoop.ci.run.NewRuns;
import dev.snoop.db.Database;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import picocli.CommandLine.Option;

/** How the job engine runs: its executor, artifact directory, leases (snoop engine, serve). */
final class EngineOptions {
  static final Path DEFAULT_WORK = Path.of(System.getProperty("user.home"), ".snoop", "work");

  @Option(
      names = "--executor",
      defaultValue = "local",
      description =
          "Where runs run: local (a process of this machine, the default), kubernetes or prow.")
  String executor;

  @Option(
      names = "--work-dir",
      paramLabel = "DIR",
      description = "The local executor's run directories (default: ~/.snoop/work).")
  Path workDir;

  @Option(
      names = "--secrets",
      paramLabel = "DIR",
      description =
          "Secrets for the local executor, as a pod mounts them: DIR/<secret>/<key> (e.g."
              + " DIR/snoop-db/url). Their values are censored in build logs and artifacts.")
  Path secrets;

  @Option(
      names = "--prow-namespace",
      defaultValue = "default",
      paramLabel = "NAMESPACE",
      description =
          "With --executor prow: where Prow's ProwJobs live (its prowjob_namespace; default:"
              + " default).")
  String prowNamespace;

  @Option(
      names = "--lease",
      defaultValue = "30s",
      paramLabel = "DURATION",
      description =
          "How long an engine holds its runs without renewing them; another engine adopts the"
              + " runs of one silent for longer (default: 30s).")
  String lease;

  @Option(
      names = "--resync",
      defaultValue = "1s",
      paramLabel = "DURATION",
      description = "The longest time between two passes over the runs (default: 1s).")
  String resync;

  @Option(
      names = "--job-url-prefix",
      paramLabel = "URL",
      description =
          "Each run's status.url is this followed by its build directory (Prow's"
              + " job_url_prefix), e.g. https://snoop.example/view/local/.")
  String jobUrlPrefix;

  /** The artifact directory, in Prow's layout: --artifacts, else ~/.snoop/artifacts. */
  static ArtifactStore store(Path artifacts) {
    return ArtifactStore.local(
        artifacts == null ? JobPages.DEFAULT_ARTIFACTS : artifacts, NewRuns.DEFAULT_NAMESPACE);
  }

  /**
   * The executor --executor names, ready to start runs; the Kubernetes ones reach the cluster as
   * kubectl would (in a pod, its service account; else the kubeconfig).
   */
  Executor openExecutor(ArtifactStore store, Database db, Clock clock) {
    return switch (executor) {
      case "local" -> local(store, clock);
      case "kubernetes" ->
          new KubernetesExecutor(
              new KubernetesClientBuilder().build(), db.dsl(), store::buildDirectory, clock);
      case "prow" -> new ProwExecutor(new KubernetesClientBuilder().build(), prowNamespace);
      default ->
          throw new UserException(
              "--executor: expected local, kubernetes or prow, not " + executor);
    };
  }

  /** Refuses an --executor that is none of local, kubernetes and prow. */
  void checkExecutor() {
    if (!List.of("local", "kubernetes", "prow").contains(executor)) {
      throw new UserException("--executor: expected local, kubernetes or prow, not " + executor);
    }
  }

  /** The local executor (snoop jobs run --wait runs on it whatever --executor says). */
  LocalExecutor local(ArtifactStore store, Clock clock) {
    Map<String, String> base = new HashMap<>();
    String path = System.getenv("PATH");
    base.put("PATH", path == null ? "/usr/local/bin:/usr/bin:/bin" : path);
    return new LocalExecutor(
        workDir == null ? DEFAULT_WORK : workDir, store, base, Optional.ofNullable(secrets), clock);
  }

  EngineSettings settings() {
    EngineSettings settings =
        EngineSettings.defaults(executor)
            .withLease(duration("--lease", lease))
            .withResync(duration("--resync", resync));
    if (jobUrlPrefix != null) {
      settings =
          settings.withJobUrl(run -> Optional.of(jobUrlPrefix + BuildPaths.buildDirectory(run)));
    }
    return settings;
  }

  private static Duration duration(String option, String text) {
    try {
      Duration d = GoDuration.parse(text);
      if (d.compareTo(Duration.ofMillis(300)) < 0 && option.equals("--lease")) {
        throw new UserException(option + ": at least 300ms, not " + text);
      }
      if (d.isZero() || d.isNegative()) {
        throw new UserException(option + ": must be positive, not " + text);
      }
      return d;
    } catch (IllegalArgumentException e) {
      throw new UserException(option + ": " + e.getMessage());
    }
  }
}
