-- The live audit sink stores each request once across the webhook's batches by looking its auditID
-- up before inserting; without an index that lookup would scan the table on every batch.
CREATE INDEX testing_audit_event_audit_id ON testing.audit_event (audit_id);
COMMENT ON INDEX testing.testing_audit_event_audit_id IS 'Finds a request''s row by auditID, so the live sink stores each request once.';
