/** Generates realistic kube-apiserver audit logs from a spec and a test list, for benchmarks. */
package dev.snoop.ingest.bench;
