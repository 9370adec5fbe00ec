package dev.snoop.ci.exec.local;

import java.util.Map;

/**
 * Kubernetes' expansion of {@code $(VAR)} in a container's command, args and env values: a defined
 * variable is replaced by its value, {@code $$} is a literal {@code $}, and anything else (an
 * undefined {@code $(NAME)}, a lone {@code $}) is kept as written. Jobs write {@code
 * $(ARTIFACTS)/junit.xml} this way.
 */
final class Expansion {
  private Expansion() {}

  static String expand(String input, Map<String, String> env) {
    StringBuilder out = new StringBuilder(input.length());
    int i = 0;
    while (i < input.length()) {
      char c = input.charAt(i);
      if (c != '$' || i + 1 >= input.length()) {
        out.append(c);
        i++;
        continue;
      }
      char next = input.charAt(i + 1);
      if (next == '$') {
        out.append('$');
        i += 2;
      } else if (next == '(') {
        int close = input.indexOf(')', i + 2);
        if (close < 0) {
          out.append(input, i, input.length());
          break;
        }
        String name = input.substring(i + 2, close);
        String value = env.get(name);
        out.append(value != null ? value : input.substring(i, close + 1));
        i = close + 1;
      } else {
        out.append(c);
        i++;
      }
    }
    return out.toString();
  }
}
