package dev.snoop.coverage.build;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.util.LinkedHashMap;
import java.util.Map;

/** Stability and comparisons as JSON, field names as in the records. */
public final class StabilityJson {
  private static final ObjectMapper JSON =
      new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

  private StabilityJson() {}

  public static String of(Stability stability) {
    return write(
        ordered(
            "release", stability.set().release().toString(),
            "set", stability.set().describe(),
            "builds", stability.builds(),
            "endpoints", stability.endpoints(),
            "unstable", stability.unstable()));
  }

  public static String of(FisherComparison comparison) {
    return write(
        ordered(
            "base", comparison.base().describe(),
            "baseBuilds", comparison.baseBuilds(),
            "head", comparison.head().describe(),
            "headBuilds", comparison.headBuilds(),
            "confidence", comparison.confidence(),
            "endpoints", comparison.endpoints(),
            "regressions", comparison.regressions()));
  }

  /** Keys in the order given: key, value, key, value... */
  private static Map<String, Object> ordered(Object... keysAndValues) {
    Map<String, Object> map = new LinkedHashMap<>();
    for (int i = 0; i < keysAndValues.length; i += 2) {
      map.put((String) keysAndValues[i], keysAndValues[i + 1]);
    }
    return map;
  }

  private static String write(Object value) {
    try {
      return JSON.writeValueAsString(value) + "\n";
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("writing stability as JSON", e);
    }
  }
}
