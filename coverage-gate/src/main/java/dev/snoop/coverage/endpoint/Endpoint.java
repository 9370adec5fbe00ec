package dev.snoop.coverage.endpoint;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;

/**
 * An operation of a release's spec with its coverage (APISnoop's endpoint_coverage row) and
 * eligibility. Deprecated operations are left out, as APISnoop leaves them out.
 *
 * @param endpoint the operationId
 * @param method the HTTP method, lower case
 * @param tested hit by an e2e.test user agent in the release's current runs
 * @param confTested hit by a user agent carrying [Conformance]
 * @param eligible eligible for conformance in this release (snoop.eligible_operation)
 * @param ineligibleReason the ineligible list's reason, when the operation is on it
 * @param ineligibleLink the ineligible list's link, when the operation is on it
 * @param pending on the pending list: eligible, given a grace period
 * @param firstRelease the oldest release whose loaded spec has it
 * @param isNew not in the spec of the release before (the highest loaded below); every operation is
 *     new when none is loaded
 */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
@JsonPropertyOrder({
  "endpoint",
  "path",
  "method",
  "level",
  "category",
  "group",
  "version",
  "kind",
  "action",
  "description",
  "tested",
  "conf_tested",
  "eligible",
  "ineligible_reason",
  "ineligible_link",
  "pending",
  "first_release",
  "new"
})
public record Endpoint(
    String endpoint,
    String path,
    String method,
    String level,
    String category,
    String group,
    String version,
    String kind,
    String action,
    String description,
    boolean tested,
    boolean confTested,
    boolean eligible,
    String ineligibleReason,
    String ineligibleLink,
    boolean pending,
    String firstRelease,
    @JsonProperty("new") boolean isNew) {}
