package dev.snoop.db.conformance;

/** An endpoint that cannot be conformance tested, with the reason and the discussion behind it. */
public record IneligibleEndpoint(String endpoint, String reason, String link) {}
