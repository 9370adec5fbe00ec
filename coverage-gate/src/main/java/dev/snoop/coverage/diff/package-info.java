/** Coverage gained and lost between two ingest runs (snoop diff). */
package dev.snoop.coverage.diff;
