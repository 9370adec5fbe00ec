package dev.snoop.ingest.reader;

/**
 * The few values that kind, apiVersion, stage and verb take, returned as one shared String each
 * instead of a new one per event; any other value is a new String.
 */
final class Vocabulary {
  private static final String[] WORDS = {
    "Event",
    "EventList",
    "audit.k8s.io/v1",
    "audit.k8s.io/v1beta1",
    "RequestReceived",
    "ResponseStarted",
    "ResponseComplete",
    "Panic",
    "get",
    "list",
    "watch",
    "create",
    "update",
    "patch",
    "delete",
    "deletecollection",
    "head",
    "options",
    "post",
    "put",
  };

  /** WORDS by length, then by first character, for a lookup without hashing. */
  private static final String[][] BY_LENGTH = new String[21][];

  static {
    for (String word : WORDS) {
      String[] same = BY_LENGTH[word.length()];
      String[] more = same == null ? new String[1] : java.util.Arrays.copyOf(same, same.length + 1);
      more[more.length - 1] = word;
      BY_LENGTH[word.length()] = more;
    }
  }

  private Vocabulary() {}

  static String of(char[] chars, int off, int len) {
    if (len < BY_LENGTH.length && BY_LENGTH[len] != null) {
      for (String word : BY_LENGTH[len]) {
        if (matches(word, chars, off, len)) {
          return word;
        }
      }
    }
    return new String(chars, off, len);
  }

  private static boolean matches(String word, char[] chars, int off, int len) {
    for (int i = len - 1; i >= 0; i--) {
      if (word.charAt(i) != chars[off + i]) {
        return false;
      }
    }
    return true;
  }
}
