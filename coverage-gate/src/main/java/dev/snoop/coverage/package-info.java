/** Coverage of a release by tests and conformance tests, read from snoopdb's coverage views. */
package dev.snoop.coverage;
