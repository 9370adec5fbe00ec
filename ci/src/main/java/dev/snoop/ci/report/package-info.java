/** Reporting runs to GitHub: commit statuses per context and one test-report comment per PR. */
package dev.snoop.ci.report;
