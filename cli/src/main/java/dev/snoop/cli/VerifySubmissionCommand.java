package dev.snoop.cli;

import dev.snoop.submissions.source.DirectorySubmission;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code snoop verify-submission DIR}: a product folder checked as the PR that adds it. */
@Command(
    name = "verify-submission",
    description =
        "Check a certification submission folder vX.Y/<product>/ as the bot checks the PR that"
            + " adds it: prints the checks, labels and comment. Exit 0 pass, 1 fail, 2 cannot be"
            + " processed.")
final class VerifySubmissionCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Parameters(paramLabel = "DIR", description = "The product folder, e.g. v1.34/coolkube.")
  Path dir;

  @Option(
      names = "--title",
      description = "PR title (default: Conformance results for vX.Y/<product>).")
  String title;

  @Mixin VerifyOptions options;

  @Override
  public Integer call() {
    SnoopCommand root = (SnoopCommand) spec.root().userObject();
    return options.run(
        root,
        spec.commandLine().getOut(),
        () -> DirectorySubmission.read(dir, Optional.ofNullable(title)));
  }
}
