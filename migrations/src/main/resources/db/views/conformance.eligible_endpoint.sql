CREATE VIEW conformance.eligible_endpoint AS
SELECT o.endpoint
  FROM public.open_api o
  JOIN snoop.latest_release l ON l.release = o.release
 WHERE o.level = 'stable'
   AND o.deprecated IS NOT true
   AND NOT EXISTS (SELECT 1 FROM conformance.ineligible_endpoint i WHERE i.endpoint = o.endpoint);
COMMENT ON VIEW conformance.eligible_endpoint IS 'Stable, non-deprecated operations of the latest spec that are not on the ineligible list: those conformance tests can and should cover (APISnoop compatible).';
COMMENT ON COLUMN conformance.eligible_endpoint.endpoint IS 'The operationId, as in open_api.';
