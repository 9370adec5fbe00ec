package dev.snoop.cli;

/** A mistake in how snoop was called, found after the options parsed (exit 2). */
final class UserException extends RuntimeException {
  UserException(String message) {
    super(message);
  }
}
