/** The job engine: Prow's job config and its trigger rules. */
package dev.snoop.ci;
