-- Notifications (who was reached about what, and how), their outbox of external deliveries,
-- the orgs' webhooks, and the real-time event log that every node fans out to its clients.

-- One notification to one person. A person appears here as staff reached about a case,
-- never as a subject. `deadline_id` names the escalation step (an acknowledgement deadline)
-- the notification belongs to: the first acknowledgement by any recipient of the step
-- meets that step, and is recorded on the step's other notifications with who gave it.
-- `sent_at` is the first time any channel sent it; `realtime_sent_at` when a node pushed it
-- to an open screen of the recipient; `delivered_at` when that browser confirmed showing it.
-- `routed_at` is when a node wrote its external deliveries (below): which channels apply is
-- the sending node's configuration, so the transaction that notifies does not decide it.
CREATE TABLE notifications (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  recipient_id uuid NOT NULL REFERENCES accounts (id),
  kind text NOT NULL CHECK (kind IN ('incident_response', 'escalation', 'report_received', 'task_overdue')),
  title text NOT NULL,
  body text NOT NULL,
  org_id uuid NOT NULL REFERENCES orgs (id),
  incident_id uuid REFERENCES incidents (id),
  level text CHECK (level IN ('I', 'II', 'III', 'IV')),
  deadline_id uuid REFERENCES deadlines (id),
  created_at timestamptz NOT NULL,
  sent_at timestamptz,
  realtime_sent_at timestamptz,
  delivered_at timestamptz,
  acknowledged_at timestamptz,
  acknowledged_by uuid REFERENCES accounts (id),
  routed_at timestamptz,
  CHECK ((acknowledged_at IS NULL) = (acknowledged_by IS NULL))
);
CREATE INDEX notifications_recipient_idx ON notifications (recipient_id, created_at DESC);
CREATE INDEX notifications_unacknowledged_idx ON notifications (recipient_id) WHERE acknowledged_at IS NULL;
CREATE INDEX notifications_incident_idx ON notifications (incident_id) WHERE incident_id IS NOT NULL;
CREATE INDEX notifications_unrouted_idx ON notifications (created_at) WHERE routed_at IS NULL;
CREATE INDEX notifications_deadline_idx ON notifications (deadline_id) WHERE deadline_id IS NOT NULL;

-- The outbox: one row per notification and external channel, written in the transaction
-- that creates the notification and sent only after it commits, by whichever node claims
-- the row (FOR UPDATE SKIP LOCKED). A failed attempt waits until `next_attempt_at`.
CREATE TABLE notification_deliveries (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  notification_id uuid NOT NULL REFERENCES notifications (id),
  channel text NOT NULL CHECK (channel IN ('email', 'webhook', 'sms')),
  status text NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'sent', 'failed')),
  attempts integer NOT NULL DEFAULT 0 CHECK (attempts >= 0),
  next_attempt_at timestamptz NOT NULL,
  last_error text,
  sent_at timestamptz,
  created_at timestamptz NOT NULL,
  CHECK (status <> 'sent' OR sent_at IS NOT NULL),
  UNIQUE (notification_id, channel)
);
CREATE INDEX notification_deliveries_due_idx ON notification_deliveries (next_attempt_at) WHERE status = 'pending';

-- An org's webhook: notifications to the org's people are POSTed there, signed with the secret.
CREATE TABLE org_webhooks (
  org_id uuid PRIMARY KEY REFERENCES orgs (id),
  url text NOT NULL,
  secret text NOT NULL,
  updated_at timestamptz NOT NULL,
  updated_by uuid NOT NULL REFERENCES accounts (id)
);

-- Real-time events, written in the transaction of the change they announce. `seq` is taken
-- under a transaction-level advisory lock held until commit, so events become visible in
-- seq order and a reader that has seen seq n has seen every event before it. `org_path` and
-- `owner_id` (the incident's filer) are what the policy layer checks for each client;
-- notification events go to `recipient_id` only. Kept for a day: a client further behind
-- reloads instead of catching up.
CREATE TABLE live_events (
  seq bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  type text NOT NULL,
  incident_id uuid,
  org_id uuid NOT NULL,
  org_path text NOT NULL,
  owner_id uuid,
  recipient_id uuid,
  notification_id uuid,
  at timestamptz NOT NULL
);
CREATE INDEX live_events_at_idx ON live_events (at);
