/**
 * Test fixtures other modules' tests use through coverage-gate's test-jar: real coverage in a test
 * database (APISnoop's 1.33.0 replay) and single audit events.
 */
package dev.snoop.coverage.testing;
