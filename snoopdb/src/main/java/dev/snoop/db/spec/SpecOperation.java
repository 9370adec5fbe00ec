package dev.snoop.db.spec;

/**
 * One operation of a spec as written: path template, HTTP method and the fields of the operation
 * object that snoop uses.
 *
 * @param method HTTP method in upper case
 * @param firstTag the operation's first tag, or null when it has none
 * @param group x-kubernetes-group-version-kind group, null when absent
 */
public record SpecOperation(
    String path,
    String method,
    String operationId,
    String firstTag,
    String description,
    String action,
    String group,
    String version,
    String kind) {}
