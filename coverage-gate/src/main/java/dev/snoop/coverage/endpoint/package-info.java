/**
 * A release's endpoints one by one: coverage, eligibility, tests and runs, for the API and pages.
 */
package dev.snoop.coverage.endpoint;
