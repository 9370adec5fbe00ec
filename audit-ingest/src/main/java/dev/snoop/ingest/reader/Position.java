package dev.snoop.ingest.reader;

/** A place in a file's (decompressed) bytes: the byte offset and its 1-based line. */
record Position(long offset, long line) {}
