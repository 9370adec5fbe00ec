package dev.snoop.db.input;

/**
 * A value given as text is not one of its kind: a release, a level rule, a URL, a duration, a name.
 * Like every {@link InputException}, a mistake of the user's, not of snoop's.
 */
public class InvalidValueException extends InputException {
  public InvalidValueException(String message) {
    super(message);
  }

  public InvalidValueException(String message, Throwable cause) {
    super(message, cause);
  }
}
