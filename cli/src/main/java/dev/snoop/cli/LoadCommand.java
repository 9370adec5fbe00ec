package dev.snoop.cli;

import dev.snoop.db.Database;
import dev.snoop.db.conformance.ConformanceLists;
import dev.snoop.db.conformance.EndpointLists;
import dev.snoop.db.input.Input;
import dev.snoop.db.release.Release;
import dev.snoop.db.release.ReleaseCatalogue;
import dev.snoop.db.spec.LevelRule;
import dev.snoop.db.spec.SpecLoader;
import dev.snoop.db.spec.SpecSource;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/** {@code snoop load ...}: the loaders of snoopdb's reference data. */
@Command(
    name = "load",
    description = "Load specs, the release catalogue, conformance lists and endpoint lists.",
    subcommands = {
      LoadCommand.SpecCommand.class,
      LoadCommand.ReleasesCommand.class,
      LoadCommand.ConformanceCommand.class,
      LoadCommand.IneligibleCommand.class,
      LoadCommand.PendingCommand.class
    })
final class LoadCommand {
  @Spec CommandSpec spec;

  SnoopCommand root() {
    return (SnoopCommand) spec.root().userObject();
  }

  @Command(
      name = "spec",
      description =
          "Load a release's OpenAPI spec into open_api (default: kubernetes' swagger.json at the"
              + " release tag, master for the working release).")
  static final class SpecCommand implements Callable<Integer> {
    @ParentCommand LoadCommand load;
    @Spec CommandSpec spec;

    @Option(names = "--release", required = true, description = "Release, e.g. 1.34.0.")
    String release;

    @ArgGroup(exclusive = true)
    Source source;

    static final class Source {
      @Option(names = "--file", description = "A local swagger.json.")
      Path file;

      @Option(names = "--url", description = "A swagger.json URL (cached).")
      String url;

      @Option(
          names = "--v3",
          description = "OpenAPI v3 documents: a directory of api/openapi-spec/v3/*.json, or one.")
      Path v3;
    }

    @Option(
        names = "--level-rule",
        defaultValue = "exact",
        description = "exact (default) or apisnoop: see docs/level-rules.md.")
    String levelRule;

    @Override
    public Integer call() {
      Release r = Release.parse(release);
      try (Database db = load.root().openDatabase()) {
        SpecLoader loader = new SpecLoader(db.dsl(), load.root().inputReader());
        SpecLoader.Result result = loader.load(r, source(loader, r), LevelRule.of(levelRule));
        spec.commandLine()
            .getOut()
            .printf(
                "loaded %s spec from %s: %d operations (%d deprecated), levels %s, rule %s%n",
                result.release(),
                result.source(),
                result.operations(),
                result.deprecated(),
                result.levels(),
                result.rule().id());
      }
      return ExitCode.OK;
    }

    private SpecSource source(SpecLoader loader, Release r) {
      if (source == null) {
        return loader.upstream(r);
      }
      if (source.v3 != null) {
        return SpecSource.v3(source.v3);
      }
      return new SpecSource.V2(
          source.file != null ? Input.file(source.file) : Input.url(source.url));
    }
  }

  @Command(
      name = "releases",
      description = "Load the release catalogue from APISnoop's releases.yaml.")
  static final class ReleasesCommand implements Callable<Integer> {
    @ParentCommand LoadCommand load;
    @Spec CommandSpec spec;
    @Mixin InputOptions input;

    @Override
    public Integer call() {
      try (Database db = load.root().openDatabase()) {
        var entries =
            new ReleaseCatalogue(db.dsl(), load.root().inputReader())
                .load(input.given().orElse(ReleaseCatalogue.upstream()));
        spec.commandLine()
            .getOut()
            .printf(
                "loaded %d releases, %s to %s; working release %s%n",
                entries.size(),
                entries.get(entries.size() - 1).release(),
                entries.get(0).release(),
                entries.get(0).working() ? entries.get(0).release() : "none");
      }
      return ExitCode.OK;
    }
  }

  @Command(
      name = "conformance",
      description =
          "Load a release's conformance.yaml (default: kubernetes' release branch, master for the"
              + " working release).")
  static final class ConformanceCommand implements Callable<Integer> {
    @ParentCommand LoadCommand load;
    @Spec CommandSpec spec;

    @Option(names = "--release", required = true, description = "Release, e.g. 1.34.0.")
    String release;

    @Mixin InputOptions input;

    @Override
    public Integer call() {
      Release r = Release.parse(release);
      try (Database db = load.root().openDatabase()) {
        ConformanceLists lists = new ConformanceLists(db.dsl(), load.root().inputReader());
        var tests = lists.load(r, input.given().orElseGet(() -> lists.upstream(r)));
        long required = tests.stream().filter(t -> t.isRequiredFor(r)).count();
        spec.commandLine()
            .getOut()
            .printf(
                "loaded %d conformance tests for %s (%d required for a %s submission)%n",
                tests.size(), r, required, r.minorVersion());
      }
      return ExitCode.OK;
    }
  }

  @Command(
      name = "ineligible",
      description = "Load ineligible_endpoints.yaml (or APISnoop's ineligible_endpoints.json).")
  static final class IneligibleCommand extends ListCommand {
    @Override
    int load(EndpointLists lists, Release r) {
      return lists
          .loadIneligible(input.given().orElse(EndpointLists.upstreamIneligible(r)), r)
          .size();
    }
  }

  @Command(name = "pending", description = "Load pending_eligible_endpoints.yaml.")
  static final class PendingCommand extends ListCommand {
    @Override
    int load(EndpointLists lists, Release r) {
      return lists.loadPending(input.given().orElse(EndpointLists.upstreamPending(r)), r).size();
    }
  }

  /** The ineligible and pending lists load alike: one list, replaced whole. */
  abstract static class ListCommand implements Callable<Integer> {
    @ParentCommand LoadCommand load;
    @Spec CommandSpec command;

    @Option(names = "--release", description = "Take the upstream list from this release's branch.")
    String release;

    @Mixin InputOptions input;

    abstract int load(EndpointLists lists, Release r);

    @Override
    public Integer call() {
      Release r = release == null ? null : Release.parse(release);
      try (Database db = load.root().openDatabase()) {
        int loaded = load(new EndpointLists(db.dsl(), load.root().inputReader()), r);
        command.commandLine().getOut().printf("loaded %d %s endpoints%n", loaded, command.name());
      }
      return ExitCode.OK;
    }
  }
}
