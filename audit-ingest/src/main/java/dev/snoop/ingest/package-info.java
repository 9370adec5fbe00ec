/** Audit ingest: reading audit logs, mapping each request to its operation and test, storing it. */
package dev.snoop.ingest;
