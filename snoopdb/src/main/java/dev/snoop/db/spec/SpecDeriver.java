package dev.snoop.db.spec;

import java.util.List;
import java.util.Locale;
import java.util.Map;

/** Turns a spec's operations into open_api rows, as APISnoop derives its columns. */
public final class SpecDeriver {
  private SpecDeriver() {}

  public static List<OpenApiRow> derive(List<SpecOperation> operations, LevelRule rule) {
    Map<String, String> levels = rule.levels(operations);
    return operations.stream()
        .map(
            op ->
                new OpenApiRow(
                    op.operationId(),
                    levels.get(op.operationId()),
                    category(op.firstTag()),
                    op.path(),
                    op.group(),
                    op.version(),
                    op.kind(),
                    op.action(),
                    deprecated(op.description()),
                    op.description(),
                    op.method()))
        .toList();
  }

  /** The first tag up to its first underscore: core_v1 gives core, apis gives apis. */
  static String category(String firstTag) {
    if (firstTag == null) {
      return null;
    }
    int underscore = firstTag.indexOf('_');
    return underscore < 0 ? firstTag : firstTag.substring(0, underscore);
  }

  /** APISnoop's rule: the description mentions "deprecated" in any case. */
  static boolean deprecated(String description) {
    return description != null && description.toLowerCase(Locale.ROOT).contains("deprecated");
  }
}
