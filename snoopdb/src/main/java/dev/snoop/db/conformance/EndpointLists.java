package dev.snoop.db.conformance;

import static dev.snoop.db.jooq.conformance.Tables.INELIGIBLE_ENDPOINT;
import static dev.snoop.db.jooq.conformance.Tables.PENDING_ELIGIBLE_ENDPOINT;

import dev.snoop.db.input.Input;
import dev.snoop.db.input.InputReader;
import dev.snoop.db.load.LoadLog;
import dev.snoop.db.release.Release;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.jooq.DSLContext;

/**
 * The ineligible and pending-eligible endpoint lists. As in APISnoop there is one of each
 * (eligibility is judged against the newest list); a load replaces the list whole.
 */
public final class EndpointLists {
  private static final Duration BRANCH_MAX_AGE = Duration.ofHours(1);

  private final DSLContext sql;
  private final InputReader reader;

  public EndpointLists(DSLContext sql, InputReader reader) {
    this.sql = sql;
    this.reader = reader;
  }

  /** The list in kubernetes/kubernetes: on master, or on a release's branch when one is given. */
  public static Input upstream(String file, Release release) {
    String ref = release == null ? "master" : release.branch();
    return Input.url(
        "https://raw.githubusercontent.com/kubernetes/kubernetes/"
            + ref
            + "/test/conformance/testdata/"
            + file,
        BRANCH_MAX_AGE);
  }

  public static Input upstreamIneligible(Release release) {
    return upstream("ineligible_endpoints.yaml", release);
  }

  public static Input upstreamPending(Release release) {
    return upstream("pending_eligible_endpoints.yaml", release);
  }

  /** Replaces the ineligible list; {@code release} is only recorded in the load log. */
  public List<IneligibleEndpoint> loadIneligible(Input input, Release release) {
    InputReader.Parsed<List<IneligibleEndpoint>> parsed =
        reader.read(input, EndpointListParser::ineligible);
    sql.transaction(
        tx -> {
          DSLContext t = tx.dsl();
          t.deleteFrom(INELIGIBLE_ENDPOINT).execute();
          var insert =
              t.insertInto(
                  INELIGIBLE_ENDPOINT,
                  INELIGIBLE_ENDPOINT.ENDPOINT,
                  INELIGIBLE_ENDPOINT.REASON,
                  INELIGIBLE_ENDPOINT.LINK);
          for (IneligibleEndpoint e : parsed.value()) {
            insert = insert.values(e.endpoint(), e.reason(), e.link());
          }
          insert.execute();
          LoadLog.record(
              t, LoadLog.Kind.INELIGIBLE, release, parsed.bytes(), parsed.value().size(), Map.of());
        });
    return parsed.value();
  }

  /** Replaces the pending list; {@code release} is only recorded in the load log. */
  public List<String> loadPending(Input input, Release release) {
    InputReader.Parsed<List<String>> parsed = reader.read(input, EndpointListParser::pending);
    sql.transaction(
        tx -> {
          DSLContext t = tx.dsl();
          t.deleteFrom(PENDING_ELIGIBLE_ENDPOINT).execute();
          for (String endpoint : parsed.value()) {
            t.insertInto(PENDING_ELIGIBLE_ENDPOINT)
                .set(PENDING_ELIGIBLE_ENDPOINT.ENDPOINT, endpoint)
                .execute();
          }
          LoadLog.record(
              t, LoadLog.Kind.PENDING, release, parsed.bytes(), parsed.value().size(), Map.of());
        });
    return parsed.value();
  }
}
