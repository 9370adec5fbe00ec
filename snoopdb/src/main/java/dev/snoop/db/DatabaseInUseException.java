package dev.snoop.db;

/** The embedded database's data directory is held by another snoop process. */
public final class DatabaseInUseException extends RuntimeException {
  DatabaseInUseException(String message) {
    super(message);
  }
}
