/** Executors: where a run's workload runs (a local process, a Kubernetes pod, a real Prow). */
package dev.snoop.ci.exec;
