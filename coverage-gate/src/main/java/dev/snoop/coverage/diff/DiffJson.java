package dev.snoop.coverage.diff;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;

/** A diff as JSON, field names as in {@link DiffReport}. */
public final class DiffJson {
  private static final ObjectMapper JSON =
      new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

  private DiffJson() {}

  public static String of(DiffReport report) {
    try {
      return JSON.writeValueAsString(report) + "\n";
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("writing a diff as JSON", e);
    }
  }
}
