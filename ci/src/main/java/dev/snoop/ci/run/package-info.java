/** Runs of jobs: Prow's ProwJob as a row of {@code snoop.prow_job}, its states and build ids. */
package dev.snoop.ci.run;
