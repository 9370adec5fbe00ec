/** The job engine's pages and API: runs, a job's history, a build's metadata, log and JUnit. */
package dev.snoop.web.jobs;
