package dev.snoop.db.testing;

import dev.snoop.db.input.Input;
import dev.snoop.db.input.InputReader;
import dev.snoop.db.release.Release;
import dev.snoop.db.release.ReleaseCatalogue;
import dev.snoop.db.spec.LevelRule;
import dev.snoop.db.spec.SpecLoader;
import dev.snoop.db.spec.SpecSource;
import org.jooq.DSLContext;

/** Loads the real reference data of the shared data into a test database. */
public final class ReferenceData {
  private ReferenceData() {}

  /** APISnoop's releases.yaml into the release catalogue. */
  public static void releases(DSLContext sql, InputReader reader) {
    new ReleaseCatalogue(sql, reader)
        .load(Input.file(SharedData.path("apisnoop-coverage/releases.yaml")));
  }

  /** The release catalogue, then the release's real swagger.json. */
  public static void releasesAndSpec(
      DSLContext sql, InputReader reader, Release release, LevelRule rule) {
    releases(sql, reader);
    spec(sql, reader, release, rule);
  }

  /** The release's real swagger.json ({@code openapi/v<release>/swagger.json}). */
  public static void spec(DSLContext sql, InputReader reader, Release release, LevelRule rule) {
    new SpecLoader(sql, reader)
        .load(
            release,
            new SpecSource.V2(Input.file(SharedData.path("openapi/v" + release + "/swagger.json"))),
            rule);
  }
}
