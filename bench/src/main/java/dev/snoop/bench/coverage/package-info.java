/** Timing of the coverage queries on whatever snoopdb holds. */
package dev.snoop.bench.coverage;
