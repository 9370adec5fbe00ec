package dev.snoop.db.spec;

import dev.snoop.db.input.InvalidValueException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * How an operation's level (alpha, beta, stable) is decided. The two rules differ only where
 * APISnoop is known to be wrong; docs/level-rules.md lists the differences.
 */
public enum LevelRule {
  /**
   * Level of the path's API version. A versionless group-discovery path ({@code /apis/<group>/})
   * gets the level of the most stable version its group serves in the same spec, and every other
   * versionless path (the OIDC discovery endpoints among them) is stable.
   */
  EXACT,

  /**
   * APISnoop's rule, to reproduce its published numbers: alpha if the path contains "alpha", beta
   * if it contains "beta", the two service-account OIDC operations beta (a stale hack: they are GA
   * since 1.21), everything else stable, including alpha-only groups' discovery endpoints.
   */
  APISNOOP;

  static final Set<String> OIDC_OPERATIONS =
      Set.of("getServiceAccountIssuerOpenIDConfiguration", "getServiceAccountIssuerOpenIDKeyset");

  /** The name used on the command line and in {@code open_api.level_rule}. */
  public String id() {
    return name().toLowerCase();
  }

  public static LevelRule of(String id) {
    for (LevelRule rule : values()) {
      if (rule.id().equals(id)) {
        return rule;
      }
    }
    throw new InvalidValueException("unknown level rule \"" + id + "\"; use exact or apisnoop");
  }

  /** Decides the levels of all operations of one spec (the exact rule looks across the spec). */
  Map<String, String> levels(List<SpecOperation> operations) {
    Map<String, String> groupLevels =
        this == EXACT ? mostStableLevelPerGroup(operations) : Map.of();
    Map<String, String> levels = new HashMap<>();
    for (SpecOperation op : operations) {
      levels.put(op.operationId(), level(op, groupLevels));
    }
    return levels;
  }

  private String level(SpecOperation op, Map<String, String> groupLevels) {
    String path = op.path();
    if (this == APISNOOP) {
      if (path.contains("alpha")) {
        return "alpha";
      }
      if (path.contains("beta") || OIDC_OPERATIONS.contains(op.operationId())) {
        return "beta";
      }
      return "stable";
    }
    return PathVersion.of(path)
        .map(PathVersion::levelOf)
        .or(() -> PathVersion.discoveredGroup(path).map(groupLevels::get))
        .orElse("stable");
  }

  private static Map<String, String> mostStableLevelPerGroup(List<SpecOperation> operations) {
    Map<String, String> best = new HashMap<>();
    for (SpecOperation op : operations) {
      PathVersion.groupOf(op.path())
          .ifPresent(
              group -> {
                String level = PathVersion.levelOf(PathVersion.of(op.path()).orElseThrow());
                best.merge(group, level, LevelRule::moreStable);
              });
    }
    return best;
  }

  private static String moreStable(String a, String b) {
    List<String> order = List.of("alpha", "beta", "stable");
    return order.indexOf(a) >= order.indexOf(b) ? a : b;
  }
}
