package dev.snoop.ci.engine;

import dev.snoop.ci.artifacts.ArtifactStore;
import dev.snoop.ci.run.JobRun;

/** Writes each run's Prow-layout files as it moves on: started.json, then finished.json. */
public final class ArtifactListener implements RunListener {
  private final ArtifactStore store;

  public ArtifactListener(ArtifactStore store) {
    this.store = store;
  }

  @Override
  public void started(JobRun run) {
    store.started(run);
  }

  @Override
  public void finished(JobRun run) {
    store.finished(run);
  }
}
