/**
 * Conformance lists: each release's conformance.yaml, and the ineligible and pending endpoint
 * lists.
 */
package dev.snoop.db.conformance;
