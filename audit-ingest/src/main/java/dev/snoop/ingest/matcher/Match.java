package dev.snoop.ingest.matcher;

/**
 * The outcome of matching one request: the operationId, or why there is none. Exactly one of the
 * two is set.
 */
public record Match(String operationId, Unmatched unmatched) {
  static Match of(String operationId) {
    return new Match(operationId, null);
  }

  static final Match NON_API = new Match(null, Unmatched.NON_API_PATH);
  static final Match UNKNOWN_API_GROUP = new Match(null, Unmatched.UNKNOWN_API_GROUP);
  static final Match UNKNOWN_VERB = new Match(null, Unmatched.UNKNOWN_VERB);
  static final Match NO_SUCH_METHOD = new Match(null, Unmatched.NO_SUCH_METHOD);
  static final Match NO_SUCH_PATH = new Match(null, Unmatched.NO_SUCH_PATH);
  static final Match NO_URI = new Match(null, Unmatched.NO_URI);

  public boolean matched() {
    return operationId != null;
  }
}
