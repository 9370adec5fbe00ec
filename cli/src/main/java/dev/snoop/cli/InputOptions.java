package dev.snoop.cli;

import dev.snoop.db.input.Input;
import java.nio.file.Path;
import java.util.Optional;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Option;

/** {@code --file F | --url U}: where an input comes from when not from its upstream default. */
final class InputOptions {
  @ArgGroup(exclusive = true)
  Choice choice;

  static final class Choice {
    @Option(names = "--file", description = "Read the input from this local file.")
    Path file;

    @Option(names = "--url", description = "Fetch the input from this URL (cached).")
    String url;
  }

  /** The input given, or empty to use the upstream default. */
  Optional<Input> given() {
    if (choice == null) {
      return Optional.empty();
    }
    return Optional.of(choice.file != null ? Input.file(choice.file) : Input.url(choice.url));
  }
}
