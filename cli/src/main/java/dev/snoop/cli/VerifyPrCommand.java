package dev.snoop.cli;

import dev.snoop.submissions.source.GitSubmission;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code snoop verify-pr}: a branch of a k8s-conformance clone checked as its pull request. */
@Command(
    name = "verify-pr",
    description =
        "Check a branch of a local k8s-conformance clone as the PR it would open: files and"
            + " commits since the merge base with --base, title from the head commit. Exit 0 pass,"
            + " 1 fail, 2 cannot be processed.")
final class VerifyPrCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Option(names = "--repo", required = true, description = "The k8s-conformance clone.")
  Path repo;

  @Option(names = "--base", defaultValue = "main", description = "Base branch (default: main).")
  String base;

  @Option(names = "--head", required = true, description = "The submission's branch or commit.")
  String head;

  @Option(names = "--title", description = "PR title (default: the head commit's subject).")
  String title;

  @Mixin VerifyOptions options;

  @Override
  public Integer call() {
    SnoopCommand root = (SnoopCommand) spec.root().userObject();
    return options.run(
        root,
        spec.commandLine().getOut(),
        () -> new GitSubmission(repo).read(base, head, Optional.ofNullable(title)));
  }
}
