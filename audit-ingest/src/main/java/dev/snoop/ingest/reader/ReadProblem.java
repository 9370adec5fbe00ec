package dev.snoop.ingest.reader;

/**
 * Input that could not be read as an audit event: bad JSON (a truncated last line among it), a
 * field of the wrong type, an event larger than the limit.
 *
 * @param source the file or URL, as named to the reader
 * @param line the 1-based line where the bad input (or the event it spoils) starts
 * @param reason what is wrong, for a person
 */
public record ReadProblem(String source, long line, String reason) {
  @Override
  public String toString() {
    return source + ":" + line + ": " + reason;
  }
}
