package dev.snoop.cli;

import dev.snoop.db.Database;
import dev.snoop.github.GitHubException;
import dev.snoop.submissions.bot.BotService;
import dev.snoop.submissions.bot.Outcome;
import dev.snoop.submissions.bot.PullRequestBot;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code snoop bot}: the verifier on a repository's pull requests. */
@Command(
    name = "bot",
    description =
        "Verify the open pull requests of a k8s-conformance repository on GitHub and keep their"
            + " managed labels, one bot comment and the verify-conformance status up to date."
            + " Dry run by default: prints what it would change; --apply changes it. Sweeps every"
            + " --sweep-interval; --listen serves the webhook (as snoop serve --bot does); --once"
            + " sweeps once and exits (exit 0, or 2 when some PRs could not be handled).")
final class BotCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Mixin BotOptions options;

  @Option(names = "--once", description = "Sweep the open PRs once and exit.")
  boolean once;

  @Option(
      names = "--pr",
      split = ",",
      description =
          "Only these PR numbers, verified even if nothing changed since the last time; then exit.")
  List<Integer> prs;

  @Option(
      names = "--listen",
      description =
          "[HOST:]PORT to serve on: snoop serve --bot --listen HOST:PORT, whose webhook is POST"
              + " /hook (also /webhook; events: pull_request).")
  String listen;

  @Override
  public Integer call() throws Exception {
    SnoopCommand root = (SnoopCommand) spec.root().userObject();
    if (listen != null && once) {
      throw new UserException("--listen serves until stopped; --once sweeps once: give one");
    }
    if (listen != null) {
      return ServeCommand.serve(
          root, spec.commandLine(), ServeCommand.listenAddress(listen), null, null, options);
    }
    try (Database db = root.openDatabase()) {
      PullRequestBot bot = options.open(db, root.inputReader(), spec.commandLine().getErr());
      if (once || prs != null) {
        return runOnce(bot);
      }
      try (BotService service = new BotService(bot, this::print)) {
        service.sweepEvery(options.sweepInterval);
        ServeCommand.awaitStop();
      }
      return ExitCode.OK;
    } catch (GitHubException e) {
      throw options.github.userError(e);
    }
  }

  private int runOnce(PullRequestBot bot) {
    List<Outcome> outcomes = new ArrayList<>();
    if (prs != null) {
      for (int number : prs) {
        Outcome outcome = bot.handle(number, true);
        print(outcome);
        outcomes.add(outcome);
      }
    } else {
      outcomes = bot.sweep(this::print);
    }
    long failed = outcomes.stream().filter(o -> o.result() == Outcome.Result.FAILED).count();
    spec.commandLine()
        .getOut()
        .printf(
            "%d pull requests: %d verified, %d skipped, %d failed%n",
            outcomes.size(),
            outcomes.stream().filter(o -> o.result() == Outcome.Result.VERIFIED).count(),
            outcomes.stream().filter(o -> o.result() == Outcome.Result.SKIPPED).count(),
            failed);
    if (failed > 0) {
      spec.commandLine()
          .getErr()
          .println(
              "ERROR: "
                  + failed
                  + " of "
                  + outcomes.size()
                  + " pull requests could not be handled (see FAILED above); the next sweep retries"
                  + " them");
      return ExitCode.USER_ERROR;
    }
    return ExitCode.OK;
  }

  private void print(Outcome outcome) {
    PrintWriter out = spec.commandLine().getOut();
    BotOptions.print(out, outcome);
  }
}
