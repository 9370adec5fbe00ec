package dev.snoop.coverage.build;

/**
 * A stored build.
 *
 * @param runId the ingest run
 * @param name the Prow job, else the source as ingested
 * @param buildId the Prow build id, null for other sources
 */
public record Build(long runId, String name, String buildId) {}
