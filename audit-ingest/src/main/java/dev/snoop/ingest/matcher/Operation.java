package dev.snoop.ingest.matcher;

/** An operation of a spec as the matcher needs it: its path template, method and operationId. */
public record Operation(String path, HttpMethod method, String operationId) {}
