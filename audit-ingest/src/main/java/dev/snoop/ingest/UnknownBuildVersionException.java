package dev.snoop.ingest;

import dev.snoop.db.input.InputException;

/**
 * A Prow build does not say which Kubernetes version it ran, and no release was given to match its
 * audit logs against.
 */
public final class UnknownBuildVersionException extends InputException {
  UnknownBuildVersionException(String message) {
    super(message);
  }
}
