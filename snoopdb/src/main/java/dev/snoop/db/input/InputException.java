package dev.snoop.db.input;

/**
 * An input is missing or not what it should be. The message names the input and the problem; it is
 * a user error (exit 2), and nothing was written.
 */
public class InputException extends RuntimeException {
  public InputException(String message) {
    super(message);
  }

  public InputException(String message, Throwable cause) {
    super(message, cause);
  }
}
