-- A report sent from a phone on a poor connection may reach the server while its answer is
-- lost; the phone then sends it again. The id the phone gave the report makes the repeat
-- the same incident instead of a second one.
ALTER TABLE incidents ADD COLUMN client_report_id uuid;
CREATE UNIQUE INDEX incidents_client_report_idx ON incidents (reported_by, client_report_id) WHERE client_report_id IS NOT NULL;
