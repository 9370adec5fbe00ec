package dev.snoop.db.conformance;

import com.fasterxml.jackson.databind.JsonNode;
import dev.snoop.db.input.Documents;
import dev.snoop.db.input.InputBytes;
import dev.snoop.db.input.InputException;
import dev.snoop.db.input.InvalidValueException;
import dev.snoop.db.release.Release;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/** Parses conformance.yaml: a list of {testname, codename, description, release, file}. */
public final class ConformanceListParser {
  static final String WHAT =
      "kubernetes' conformance.yaml (a list of {testname, codename, description, release, file})";

  /** APISnoop's reading of an empty release: tests from before release tracking began. */
  private static final Release UNTRACKED = new Release(1, 9, 0);

  private ConformanceListParser() {}

  public static List<ConformanceTest> parse(InputBytes input) {
    JsonNode root = Documents.yaml(input, WHAT);
    if (!root.isArray() || root.isEmpty()) {
      throw new InputException(
          input.source() + ": expected " + WHAT + " but found " + Documents.typeOf(root));
    }
    List<ConformanceTest> tests = new ArrayList<>(root.size());
    Set<String> codenames = new HashSet<>();
    for (int i = 0; i < root.size(); i++) {
      JsonNode item = root.get(i);
      String where = input.source() + ": entry " + (i + 1);
      if (!item.isObject()) {
        throw new InputException(
            where + ": expected a mapping but found " + Documents.typeOf(item));
      }
      String codename = text(item, "codename");
      if (codename.isEmpty()) {
        throw new InputException(where + ": codename is missing or empty");
      }
      where += " (" + codename + ")";
      if (!codenames.add(codename)) {
        throw new InputException(where + ": the codename appears twice");
      }
      String raw = item.path("release").asText("").strip();
      List<Release> releases = releases(raw, where);
      tests.add(
          new ConformanceTest(
              text(item, "testname"),
              codename,
              releases.get(releases.size() - 1),
              raw,
              releases.stream().min(Comparator.naturalOrder()).orElseThrow(),
              text(item, "description"),
              text(item, "file")));
    }
    return tests;
  }

  /** The releases a {@code release:} value lists, in written order: {@code v1.9, v1.18}. */
  static List<Release> releases(String raw, String where) {
    if (raw.isEmpty()) {
      return List.of(UNTRACKED);
    }
    List<Release> releases = new ArrayList<>();
    for (String value : raw.split(",")) {
      try {
        releases.add(Release.parse(value.strip()));
      } catch (InvalidValueException e) {
        throw new InputException(where + ": release: " + e.getMessage());
      }
    }
    return releases;
  }

  private static String text(JsonNode item, String field) {
    JsonNode value = item.get(field);
    return value == null || value.isNull() ? "" : value.asText();
  }
}
