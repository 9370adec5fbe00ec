/**
 * The release-blocking conformance gate: new eligible endpoints without a conformance test fail a
 * release; missing or stale inputs never pass.
 */
package dev.snoop.coverage.gate;
