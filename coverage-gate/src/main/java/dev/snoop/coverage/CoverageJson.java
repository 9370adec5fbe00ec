package dev.snoop.coverage;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;

/**
 * A release's coverage as JSON, field names as in {@link ReleaseCoverage} and {@link
 * CoverageReport}.
 */
public final class CoverageJson {
  private static final ObjectMapper JSON =
      new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

  private CoverageJson() {}

  public static String of(ReleaseCoverage coverage) {
    return write(coverage);
  }

  /** The report: the coverage's fields, then errorOnly, parameters and sigs. */
  public static String of(CoverageReport report) {
    return write(report);
  }

  private static String write(Object coverage) {
    try {
      return JSON.writeValueAsString(coverage) + "\n";
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("writing coverage as JSON", e);
    }
  }
}
