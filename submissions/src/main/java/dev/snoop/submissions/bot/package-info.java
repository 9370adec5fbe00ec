/**
 * The pull request bot: reads certification PRs from GitHub, verifies them, and converges their
 * managed labels, the bot's one comment and its commit status; webhook events and periodic sweeps.
 */
package dev.snoop.submissions.bot;
