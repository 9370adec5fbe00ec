package dev.snoop.cli;

import dev.snoop.db.DatabaseInUseException;
import dev.snoop.db.release.NoWorkingReleaseException;
import dev.snoop.db.release.UnknownReleaseException;
import dev.snoop.db.spec.NoSpecException;
import dev.snoop.db.spec.SpecVersionException;
import dev.snoop.ingest.IngestProblemsException;
import dev.snoop.ingest.NoAuditEventsException;
import dev.snoop.ingest.UnknownBuildVersionException;
import java.util.Optional;

/**
 * What a user can do about an error, in the command line's terms: the libraries state the problem
 * and name no flags or commands, because other front ends show their messages too.
 */
final class Hints {
  private Hints() {}

  static Optional<String> of(Exception e) {
    String hint = null;
    if (e instanceof NoAuditEventsException) {
      hint = "give " + IngestCommand.ALLOW_EMPTY + " to store it as a run without events";
    } else if (e instanceof IngestProblemsException) {
      hint = "--max-problems N tolerates more";
    } else if (e instanceof NoSpecException noSpec && noSpec.release() != null) {
      hint = "load it: snoop load spec --release " + noSpec.release();
    } else if (e instanceof UnknownReleaseException) {
      hint = "load the catalogue: snoop load releases [--file F]";
    } else if (e instanceof NoWorkingReleaseException) {
      hint = "give --release, or load a catalogue that names one: snoop load releases";
    } else if (e instanceof SpecVersionException version) {
      hint = version.openApiV3() ? "load OpenAPI v3 documents with --v3" : "load it with --file";
    } else if (e instanceof UnknownBuildVersionException) {
      hint = "give --release";
    } else if (e instanceof DatabaseInUseException) {
      hint = "let it finish, or use another --data-dir or a --db-url";
    }
    return Optional.ofNullable(hint);
  }
}
