/**
 * Verifications kept in snoopdb ({@code snoop.submission_verification}) for the bot and the web.
 */
package dev.snoop.submissions.store;
