package dev.snoop.cli;

import dev.snoop.ci.artifacts.ArtifactStore;
import dev.snoop.ci.config.Job;
import dev.snoop.ci.config.JobConfig;
import dev.snoop.ci.config.JobConfigException;
import dev.snoop.ci.config.JobConfigLoader;
import dev.snoop.ci.config.JobListing;
import dev.snoop.ci.config.JobType;
import dev.snoop.ci.config.ProwSettings;
import dev.snoop.ci.engine.ArtifactListener;
import dev.snoop.ci.engine.HandRuns;
import dev.snoop.ci.exec.local.LocalExecutor;
import dev.snoop.ci.run.JobRun;
import dev.snoop.ci.run.Refs;
import dev.snoop.ci.trigger.DecisionText;
import dev.snoop.ci.trigger.GitHubEvent;
import dev.snoop.ci.trigger.TriggerDecision;
import dev.snoop.ci.trigger.TriggerFacts;
import dev.snoop.ci.trigger.TriggerRules;
import dev.snoop.db.Database;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Clock;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code snoop jobs check|list|triggered}: Prow job config, checked, listed and tried on events.
 */
@Command(
    name = "jobs",
    description = "Prow job config: check it, list its jobs, see what a GitHub event would start.",
    subcommands = {
      JobsCommand.Check.class,
      JobsCommand.List.class,
      JobsCommand.Triggered.class,
      JobsCommand.Run.class
    })
final class JobsCommand {
  enum Format {
    text,
    json
  }

  /** The options that name a job config. */
  static final class ConfigOptions {
    @Option(
        names = "--config",
        required = true,
        paramLabel = "PATH",
        description =
            "A job config file or a directory of them, as Prow's --job-config-path (repeatable).")
    java.util.List<Path> paths;

    @Option(
        names = "--prow-config",
        paramLabel = "FILE",
        description = "Prow's config.yaml, for decorate_all_jobs and plank's decoration defaults.")
    Path prowConfig;

    /** The config's jobs; its problems, all of them, as a user error. */
    java.util.List<Job> validJobs() {
      return valid(load(paths, prowConfig));
    }
  }

  /** The config's jobs; its problems, all of them, as a user error. */
  static java.util.List<Job> valid(JobConfig config) {
    try {
      return config.validJobs();
    } catch (JobConfigException e) {
      throw new UserException(e.getMessage());
    }
  }

  static JobConfig load(java.util.List<Path> paths, Path prowConfig) {
    try {
      ProwSettings settings =
          prowConfig == null ? ProwSettings.NONE : ProwSettings.read(prowConfig);
      return JobConfigLoader.load(paths, settings);
    } catch (JobConfigException e) {
      throw new UserException(e.getMessage());
    }
  }

  @Command(
      name = "check",
      description =
          "Validate job config files and directories as Prow does. Exit 0 when valid, 2 with"
              + " every problem listed (file, job, field).")
  static final class Check implements Callable<Integer> {
    @Spec CommandSpec spec;

    @Parameters(
        paramLabel = "FILE|DIR",
        arity = "1..*",
        description = "Job config files or directories.")
    java.util.List<Path> paths;

    @Option(names = "--prow-config", paramLabel = "FILE", description = "Prow's config.yaml.")
    Path prowConfig;

    @Override
    public Integer call() {
      PrintWriter out = spec.commandLine().getOut();
      JobConfig config;
      try {
        ProwSettings settings =
            prowConfig == null ? ProwSettings.NONE : ProwSettings.read(prowConfig);
        config = JobConfigLoader.load(paths, settings);
      } catch (JobConfigException e) {
        e.problems().forEach(out::println);
        return ExitCode.USER_ERROR;
      }
      config.problems().forEach(out::println);
      printIgnored(spec.commandLine().getErr(), config);
      out.printf(
          "%s in %s: %s%n",
          count(config.jobs().size(), "job"),
          count(config.files(), "file"),
          config.problems().isEmpty() ? "valid" : config.problems().size() + " problems");
      return config.problems().isEmpty() ? ExitCode.OK : ExitCode.USER_ERROR;
    }
  }

  @Command(
      name = "list",
      description = "Every job after Prow's defaulting, as a table or one JSON object per job.")
  static final class List implements Callable<Integer> {
    @Spec CommandSpec spec;
    @Mixin ConfigOptions config;

    @Option(names = "--format", defaultValue = "text", description = "text (default) or json.")
    Format format;

    @Override
    public Integer call() {
      JobConfig loaded = load(config.paths, config.prowConfig);
      java.util.List<Job> jobs = valid(loaded);
      printIgnored(spec.commandLine().getErr(), loaded);
      PrintWriter out = spec.commandLine().getOut();
      out.print(format == Format.json ? JobListing.json(jobs) + "\n" : JobListing.table(jobs));
      return ExitCode.OK;
    }
  }

  @Command(
      name = "triggered",
      description =
          "Which jobs a GitHub event would start, and why, by the rules of Prow's trigger plugin.")
  static final class Triggered implements Callable<Integer> {
    @Spec CommandSpec spec;
    @Mixin ConfigOptions config;

    @Option(
        names = "--event",
        required = true,
        description = "The X-GitHub-Event: pull_request, issue_comment or push.")
    String event;

    @Option(
        names = "--payload",
        required = true,
        paramLabel = "FILE",
        description = "The webhook's JSON body.")
    Path payload;

    @Option(
        names = "--changed-file",
        paramLabel = "PATH",
        description = "A file the PR changes (repeatable); a push's come from its payload.")
    java.util.List<String> changedFiles;

    @Option(
        names = "--trusted",
        description = "The event's user (the PR's or the comment's author) is an org member.")
    boolean trusted;

    @Option(
        names = "--trusted-user",
        paramLabel = "LOGIN",
        description = "A trusted user (repeatable).")
    java.util.List<String> trustedUsers = new java.util.ArrayList<>();

    @Option(
        names = "--failed",
        paramLabel = "CONTEXT",
        description =
            "A context whose status on the PR's head is failure, for /retest (repeatable).")
    java.util.List<String> failed = new java.util.ArrayList<>();

    @Option(
        names = "--status",
        paramLabel = "CONTEXT=STATE",
        description =
            "A context's status on the PR's head: success, pending, failure or error (repeatable).")
    Map<String, String> statuses = new LinkedHashMap<>();

    @Option(
        names = "--comment",
        paramLabel = "TEXT",
        description = "Replace the comment's body (issue_comment).")
    String comment;

    @Option(
        names = "--base-branch",
        paramLabel = "BRANCH",
        description =
            "The PR's base branch for issue_comment (default: the repository's default branch).")
    String baseBranch;

    @Option(
        names = "--bot",
        paramLabel = "LOGIN",
        description = "The bot's own login: its comments and labels start nothing.")
    String bot;

    @Option(names = "--format", defaultValue = "text", description = "text (default) or json.")
    Format format;

    @Override
    public Integer call() {
      java.util.List<Job> jobs = config.validJobs();
      GitHubEvent parsed;
      try {
        parsed = GitHubEvent.read(event, payload);
      } catch (IllegalArgumentException e) {
        throw new UserException(e.getMessage());
      }
      if (comment != null) {
        if (!(parsed instanceof GitHubEvent.IssueCommentEvent c)) {
          throw new UserException("--comment needs --event issue_comment");
        }
        parsed = c.withBody(comment);
      }
      Set<String> trustedLogins = new HashSet<>(trustedUsers);
      if (trusted) {
        trustedLogins.add(parsed.actor());
      }
      Map<String, String> allStatuses = new LinkedHashMap<>(statuses);
      failed.forEach(c -> allStatuses.put(c, "failure"));
      TriggerFacts facts =
          new TriggerFacts(
              Optional.ofNullable(changedFiles),
              allStatuses,
              trustedLogins,
              Optional.ofNullable(bot),
              Optional.ofNullable(baseBranch));
      TriggerDecision decision = TriggerRules.decide(parsed, jobs, facts);
      spec.commandLine()
          .getOut()
          .print(
              format == Format.json
                  ? DecisionText.json(decision) + "\n"
                  : DecisionText.text(decision));
      return ExitCode.OK;
    }
  }

  @Command(
      name = "run",
      description =
          "Trigger a run of a job by hand, for an engine to run; with --wait, run it to its end on"
              + " the local executor in this process and exit 0 on success, 1 on failure, 2 on"
              + " error or abort.")
  static final class Run implements Callable<Integer> {
    @Spec CommandSpec spec;
    @Mixin ConfigOptions config;
    @Mixin EngineOptions engine;

    @Parameters(index = "0", paramLabel = "NAME", description = "The job's name.")
    String name;

    @Option(names = "--wait", description = "Run it here to its end (local executor).")
    boolean waitForEnd;

    @Option(
        names = "--artifacts",
        paramLabel = "DIR",
        description = "Where the run's files go, in Prow's layout (default: ~/.snoop/artifacts).")
    Path artifacts;

    @Option(
        names = "--base-ref",
        paramLabel = "BRANCH",
        description = "The branch a presubmit or postsubmit tests.")
    String baseRef;

    @Option(names = "--base-sha", paramLabel = "SHA", description = "The branch's commit.")
    String baseSha;

    @Option(names = "--pull", paramLabel = "NUMBER", description = "A presubmit's pull request.")
    Integer pull;

    @Option(names = "--pull-sha", paramLabel = "SHA", description = "The pull request's head.")
    String pullSha;

    @Option(
        names = "--pull-author",
        paramLabel = "LOGIN",
        defaultValue = "",
        description = "The pull request's author.")
    String pullAuthor;

    @Override
    public Integer call() throws InterruptedException {
      Job job =
          config.validJobs().stream()
              .filter(j -> j.name().equals(name))
              .findFirst()
              .orElseThrow(() -> new UserException("no job named " + name + " in " + config.paths));
      Optional<Refs> refs = refs(job);
      SnoopCommand root = (SnoopCommand) spec.root().userObject();
      PrintWriter out = spec.commandLine().getOut();
      Clock clock = Clock.systemUTC();
      if (!waitForEnd) {
        engine.checkExecutor();
        try (Database db = root.openDatabase()) {
          JobRun run = HandRuns.trigger(db.dsl(), clock, job, refs, engine.executor);
          out.printf(
              "%s triggered: build %s, run %s (an engine on this database runs it)%n",
              job.name(), run.buildIdText(), run.id());
        }
        return ExitCode.OK;
      }
      if (!engine.executor.equals("local")) {
        throw new UserException("--wait runs the job here, on the local executor: drop --executor");
      }
      ArtifactStore store = EngineOptions.store(artifacts);
      JobRun done;
      try (Database db = root.openDatabase();
          LocalExecutor local = engine.local(store, clock)) {
        done =
            HandRuns.runToEnd(
                db.dsl(), clock, job, refs, local, new ArtifactListener(store), engine.settings());
      }
      out.printf(
          "%s build %s: %s (%s)%nartifacts: %s%n",
          done.job(),
          done.buildIdText(),
          done.state().prowName(),
          done.description(),
          store.buildDirectory(done));
      return switch (done.state()) {
        case SUCCESS -> ExitCode.OK;
        case FAILURE -> ExitCode.CHECK_FAILED;
        default -> ExitCode.USER_ERROR;
      };
    }

    /** What the run tests: nothing for a periodic; the branch (and pull request) otherwise. */
    private Optional<Refs> refs(Job job) {
      if (job.type() == JobType.PERIODIC) {
        return Optional.empty();
      }
      if (baseRef == null) {
        throw new UserException(
            job.name() + " is a " + job.type().prowName() + ": give --base-ref");
      }
      String[] repo = job.repo().orElseThrow().split("/", 2);
      java.util.List<Refs.Pull> pulls = new java.util.ArrayList<>();
      if (job.type() == JobType.PRESUBMIT) {
        if (pull == null || pullSha == null) {
          throw new UserException(job.name() + " is a presubmit: give --pull and --pull-sha");
        }
        pulls.add(new Refs.Pull(pull, pullAuthor, pullSha, Optional.empty()));
      }
      return Optional.of(new Refs(repo[0], repo[1], baseRef, Optional.ofNullable(baseSha), pulls));
    }
  }

  private static String count(int n, String noun) {
    return n + " " + noun + (n == 1 ? "" : "s");
  }

  private static final Set<String> FILE_LEVEL_FIELDS =
      Set.of("presets", "decorate_all_jobs", "prow_ignored");

  /** The fields accepted but not acted on, once each, on stderr. */
  static void printIgnored(PrintWriter err, JobConfig config) {
    if (config.ignored().isEmpty()) {
      return;
    }
    StringBuilder line = new StringBuilder("note: accepted, not acted on by snoop's engine:");
    new java.util.TreeMap<>(config.ignored())
        .forEach(
            (field, count) ->
                line.append(' ')
                    .append(field)
                    .append(" in ")
                    .append(count(count, FILE_LEVEL_FIELDS.contains(field) ? "file" : "job"))
                    .append(','));
    line.setLength(line.length() - 1);
    err.println(line);
  }
}
