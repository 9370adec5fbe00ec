/** Maps a request (verb and URI) to the operationId of a release's spec. */
package dev.snoop.ingest.matcher;
