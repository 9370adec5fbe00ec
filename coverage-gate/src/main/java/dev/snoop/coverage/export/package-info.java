/** The coverage files APISnoop publishes, written in its formats from the coverage views. */
package dev.snoop.coverage.export;
