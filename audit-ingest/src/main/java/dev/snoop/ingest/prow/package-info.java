/**
 * Audit logs from Prow job artifacts: the latest successful build of a job, its metadata, its logs.
 */
package dev.snoop.ingest.prow;
