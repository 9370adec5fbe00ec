/**
 * Reading audit logs: which files a source names, and the events in each, with what was unreadable.
 */
package dev.snoop.ingest.reader;
