/** Timing of spec loads (parse, and parse plus database write). */
package dev.snoop.bench.spec;
