-- The one definition of "eligible for conformance"; every view and query that needs it reads this.
CREATE VIEW snoop.eligible_operation AS
SELECT o.release, o.endpoint
  FROM public.open_api o
 WHERE o.level = 'stable'
   AND o.deprecated IS false
   AND NOT EXISTS (SELECT 1 FROM conformance.ineligible_endpoint i WHERE i.endpoint = o.endpoint);
COMMENT ON VIEW snoop.eligible_operation IS 'Per release, the operations eligible for conformance: stable in that release''s spec, not deprecated, and not on the ineligible list (snoop addition).';
COMMENT ON COLUMN snoop.eligible_operation.release IS 'The open_api release.';
COMMENT ON COLUMN snoop.eligible_operation.endpoint IS 'The operationId.';
