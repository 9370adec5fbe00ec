package dev.snoop.ingest.reader;

/**
 * Input that could not be read as an audit event: bad JSON, a field of the wrong type, an event
 * larger than the limit, a corrupt gzip.
 *
 * @param source the file or URL, as named to the reader
 * @param line the 1-based line where the bad input (or the event it spoils) starts; 0 when the
 *     whole file could not be opened
 * @param reason what is wrong, for a person
 */
public record ReadProblem(String source, long line, String reason) {
  @Override
  public String toString() {
    return source + ":" + line + ": " + reason;
  }
}
