-- A new report reaches the duty room at once, before anyone has decided its level: whoever is
-- on duty at the incident's org is notified (`incident_reported`), and the first of them to
-- acknowledge it receives the report for the duty room (签收). The filer sees when and by whom,
-- so a reporter in the field knows the report was not lost. Opening the incident receives it too.
ALTER TABLE notifications DROP CONSTRAINT notifications_kind_check;
ALTER TABLE notifications ADD CONSTRAINT notifications_kind_check
  CHECK (kind IN ('incident_reported', 'incident_response', 'escalation', 'report_received', 'task_overdue'));

ALTER TABLE incidents
  ADD COLUMN received_at timestamptz,
  ADD COLUMN received_by uuid REFERENCES accounts (id),
  ADD CONSTRAINT incidents_received_check CHECK ((received_at IS NULL) = (received_by IS NULL));
