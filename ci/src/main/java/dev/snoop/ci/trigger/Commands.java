package dev.snoop.ci.trigger;

import dev.snoop.ci.config.GoRegex;
import java.util.regex.Pattern;

/**
 * The comment commands of Prow's trigger plugin (sigs.k8s.io/prow pkg/pjutil/filter.go, help.go).
 */
final class Commands {
  static final Pattern TEST_ALL = GoRegex.compile("(?m)^/test all,?($|\\s.*)");
  static final Pattern RETEST = GoRegex.compile("(?m)^/retest\\s*$");
  static final Pattern RETEST_REQUIRED = GoRegex.compile("(?m)^/retest-required\\s*$");
  static final Pattern TEST_MANUAL_REQUIRED = GoRegex.compile("(?m)^/test-manual-required\\s*$");
  static final Pattern OK_TO_TEST = GoRegex.compile("(?m)^/ok-to-test\\s*$");
  static final Pattern OK_TO_TEST_CANCEL = GoRegex.compile("(?m)^/ok-to-test\\s+cancel\\s*$");
  static final Pattern TEST_HELP = GoRegex.compile("(?m)^/test[ \\t]*\\?\\s*$");
  static final Pattern EMPTY_TEST = GoRegex.compile("(?m)^/test\\s*$");
  static final Pattern RETEST_WITH_TARGET = GoRegex.compile("(?m)^/retest[ \\t]+\\S+");
  static final Pattern TEST_WITH_TARGET = GoRegex.compile("(?m)^/test[ \\t]+\\S+");

  /** Fenced code blocks (``` or ~~~), whose commands are not commands. */
  private static final Pattern CODE_BLOCK =
      Pattern.compile("(?ms)^```.*?(\n```\n|\n```$)|^~~~.*?(\n~~~\n|\n~~~$)");

  private Commands() {}

  static boolean has(Pattern command, String text) {
    return GoRegex.search(command, text);
  }

  /** The comment without its fenced code blocks. */
  static String withoutCodeBlocks(String body) {
    return CODE_BLOCK.matcher(body).replaceAll("");
  }
}
