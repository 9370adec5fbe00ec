/**
 * The job engine's loops over {@code snoop.prow_job}: admission, running, timeouts, aborts, leases
 * and adoption, periodics and garbage collection; each re-reads the rows and converges.
 */
package dev.snoop.ci.engine;
