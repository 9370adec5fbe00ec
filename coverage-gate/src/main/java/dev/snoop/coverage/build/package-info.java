/** Coverage across the stored builds of a job: stability, regressions between sets of builds. */
package dev.snoop.coverage.build;
