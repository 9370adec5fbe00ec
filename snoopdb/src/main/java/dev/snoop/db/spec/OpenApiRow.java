package dev.snoop.db.spec;

/** One row of {@code open_api} for one operation, with the columns APISnoop derives. */
public record OpenApiRow(
    String endpoint,
    String level,
    String category,
    String path,
    String group,
    String version,
    String kind,
    String action,
    boolean deprecated,
    String description,
    String httpMethod) {}
