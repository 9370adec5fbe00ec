package dev.snoop.cli;

import dev.snoop.ci.artifacts.ArtifactStore;
import dev.snoop.ci.run.BuildIds;
import dev.snoop.ci.run.NewRuns;
import dev.snoop.web.ApiToken;
import dev.snoop.web.jobs.JobsRoutes;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.Optional;
import org.jooq.DSLContext;

/** The job pages of {@code snoop serve}: runs from the database, builds from the artifact store. */
final class JobPages {
  /** Where the job engine keeps artifacts unless told otherwise. */
  static final Path DEFAULT_ARTIFACTS =
      Path.of(System.getProperty("user.home"), ".snoop", "artifacts");

  private JobPages() {}

  /**
   * The routes; a rerun gets its build id from the job engine's snowflake node when the engine runs
   * in this server, else from a node picked at random (the id is unique in the database, so a clash
   * fails the request, never a run).
   */
  static JobsRoutes routes(
      DSLContext sql, Path artifacts, ApiToken token, Optional<NewRuns> engineRuns) {
    Clock clock = Clock.systemUTC();
    NewRuns reruns =
        engineRuns.orElseGet(
            () -> new NewRuns(new BuildIds(clock, new SecureRandom().nextInt(1024)), clock));
    return new JobsRoutes(
        sql, ArtifactStore.local(artifacts, NewRuns.DEFAULT_NAMESPACE), reruns, token, clock);
  }
}
