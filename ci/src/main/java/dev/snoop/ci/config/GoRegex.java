package dev.snoop.ci.config;

import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * Prow's regular expressions are Go's (RE2). Java's syntax is close; this compiles a Go pattern
 * with Go's meaning: {@code .}, {@code ^} and {@code $} treat only {@code \n} as a line end, {@code
 * (?P<name>...)} and {@code [[:alpha:]]} are translated, and what RE2 refuses (look-around,
 * back-references, possessive and atomic groups) is refused here too rather than accepted with a
 * meaning Prow would never give it. Prow matches by search (Go's MatchString), so callers use
 * {@link Matcher#find()}, never {@link Matcher#matches()}.
 */
public final class GoRegex {
  private static final Pattern UNSUPPORTED =
      Pattern.compile("\\(\\?<?[=!]|\\(\\?>|\\\\[1-9]|[*+?}]\\+");
  private static final Pattern POSIX_CLASS = Pattern.compile("\\[:(\\^?)([a-z]+):]");
  private static final Map<String, String> POSIX =
      Map.ofEntries(
          Map.entry("alnum", "Alnum"),
          Map.entry("alpha", "Alpha"),
          Map.entry("ascii", "ASCII"),
          Map.entry("blank", "Blank"),
          Map.entry("cntrl", "Cntrl"),
          Map.entry("digit", "Digit"),
          Map.entry("graph", "Graph"),
          Map.entry("lower", "Lower"),
          Map.entry("print", "Print"),
          Map.entry("punct", "Punct"),
          Map.entry("space", "Space"),
          Map.entry("upper", "Upper"),
          Map.entry("word", "Alnum"),
          Map.entry("xdigit", "XDigit"));

  private GoRegex() {}

  /**
   * The pattern, compiled with Go's meaning.
   *
   * @throws IllegalArgumentException when Go would not compile it, with the reason
   */
  public static Pattern compile(String goPattern) {
    Matcher unsupported = UNSUPPORTED.matcher(withoutEscapedBackslashes(goPattern));
    if (unsupported.find()) {
      throw new IllegalArgumentException(
          "'" + unsupported.group() + "' is not Go regular expression syntax");
    }
    if (Pattern.compile("\\(\\?[a-zA-Z]*U").matcher(goPattern).find()) {
      throw new IllegalArgumentException("the ungreedy flag (?U) is not supported");
    }
    String java = goPattern.replace("(?P<", "(?<");
    Matcher posix = POSIX_CLASS.matcher(java);
    StringBuilder translated = new StringBuilder();
    while (posix.find()) {
      String name = POSIX.get(posix.group(2));
      if (name == null) {
        throw new IllegalArgumentException("unknown character class [:" + posix.group(2) + ":]");
      }
      String replacement = (posix.group(1).isEmpty() ? "\\p{" : "\\P{") + name + "}";
      posix.appendReplacement(translated, Matcher.quoteReplacement(replacement));
    }
    posix.appendTail(translated);
    try {
      return Pattern.compile(translated.toString(), Pattern.UNIX_LINES);
    } catch (PatternSyntaxException e) {
      throw new IllegalArgumentException(e.getDescription() + " near index " + e.getIndex(), e);
    }
  }

  /** Whether the pattern matches anywhere in {@code text}, as Go's MatchString. */
  public static boolean search(Pattern pattern, String text) {
    return pattern.matcher(text).find();
  }

  /**
   * {@code \\} pairs removed, so that an escaped backslash before a digit is not a back-reference.
   */
  private static String withoutEscapedBackslashes(String pattern) {
    return pattern.replace("\\\\", "");
  }
}
