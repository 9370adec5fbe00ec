package dev.snoop.ingest;

/** A line or object that could not be read as an audit event. */
public record ReadProblem(String source, long line, String reason) {
  @Override
  public String toString() {
    return source + ":" + line + ": " + reason;
  }
}
