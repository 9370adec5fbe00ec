CREATE VIEW conformance.eligible_endpoint AS
SELECT e.endpoint
  FROM snoop.eligible_operation e
  JOIN snoop.latest_release l ON l.release = e.release;
COMMENT ON VIEW conformance.eligible_endpoint IS 'Stable, non-deprecated operations of the latest spec that are not on the ineligible list: those conformance tests can and should cover (APISnoop compatible).';
COMMENT ON COLUMN conformance.eligible_endpoint.endpoint IS 'The operationId, as in open_api.';
