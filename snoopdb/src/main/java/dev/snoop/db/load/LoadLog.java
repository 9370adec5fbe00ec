package dev.snoop.db.load;

import static dev.snoop.db.jooq.snoop.Tables.LOAD_LOG;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.snoop.db.input.InputBytes;
import dev.snoop.db.release.Release;
import java.util.Map;
import org.jooq.DSLContext;
import org.jooq.JSONB;

/** Writes the load log inside the loading transaction, so it records only loads that committed. */
public final class LoadLog {
  private static final ObjectMapper JSON = new ObjectMapper();

  private LoadLog() {}

  /** What was loaded; the values of {@code snoop.load_log.kind}. */
  public enum Kind {
    RELEASES,
    SPEC,
    CONFORMANCE,
    INELIGIBLE,
    PENDING;

    String column() {
      return name().toLowerCase();
    }
  }

  /** Records a load of one input. */
  public static void record(
      DSLContext tx,
      Kind kind,
      Release release,
      InputBytes input,
      int rows,
      Map<String, Object> details) {
    record(tx, kind, release, input.source(), input.sha256(), rows, details);
  }

  /** Records a load of several files as one (OpenAPI v3 documents): their combined checksum. */
  public static void record(
      DSLContext tx,
      Kind kind,
      Release release,
      String source,
      String checksum,
      int rows,
      Map<String, Object> details) {
    try {
      tx.insertInto(LOAD_LOG)
          .set(LOAD_LOG.KIND, kind.column())
          .set(LOAD_LOG.RELEASE, release == null ? null : release.toString())
          .set(LOAD_LOG.SOURCE, source)
          .set(LOAD_LOG.CHECKSUM, checksum)
          .set(LOAD_LOG.ROW_COUNT, rows)
          .set(LOAD_LOG.DETAILS, JSONB.jsonb(JSON.writeValueAsString(details)))
          .execute();
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }
}
