/**
 * The certification submission verifier: {@link dev.snoop.submissions.Verifier} runs the official
 * bot's checks and ours on a {@link dev.snoop.submissions.source.Submission} and returns a {@link
 * dev.snoop.submissions.Verification} (checks, labels, comment, verdict).
 */
package dev.snoop.submissions;
