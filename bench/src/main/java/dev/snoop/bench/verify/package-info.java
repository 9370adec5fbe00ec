/** Benchmarks of the verifier that print their figures. */
package dev.snoop.bench.verify;
