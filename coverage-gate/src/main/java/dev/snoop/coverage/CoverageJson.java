package dev.snoop.coverage;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;

/** A release's coverage as JSON, field names as in {@link ReleaseCoverage}. */
public final class CoverageJson {
  private static final ObjectMapper JSON =
      new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

  private CoverageJson() {}

  public static String of(ReleaseCoverage coverage) {
    try {
      return JSON.writeValueAsString(coverage) + "\n";
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("writing coverage as JSON", e);
    }
  }
}
