/**
 * The conformance tests a submission must pass, per release: from snoopdb, a local file or folder,
 * or kubernetes' release branch.
 */
package dev.snoop.submissions.testlist;
