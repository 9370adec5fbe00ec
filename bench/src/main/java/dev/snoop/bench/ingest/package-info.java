/** Benchmarks of ingest, and the realistic audit logs they run on. */
package dev.snoop.bench.ingest;
