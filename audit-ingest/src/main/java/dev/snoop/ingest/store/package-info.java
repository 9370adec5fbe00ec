/** Storing an ingest run: one transaction, binary COPY of the requests, the per-run aggregate. */
package dev.snoop.ingest.store;
