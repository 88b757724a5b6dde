-- Reports upward (信息报告: 首报、续报、终报) and closure with its after-action review (总结).

-- An incident is closed once handled, and may be reopened. Its level and opening stay with it
-- when closed, so the "opened" check now covers both states. The unnamed checks of 0004 carry
-- PostgreSQL's generated names.
ALTER TABLE incidents DROP CONSTRAINT incidents_status_check;
ALTER TABLE incidents ADD CONSTRAINT incidents_status_check CHECK (status IN ('reported', 'open', 'closed'));
ALTER TABLE incidents DROP CONSTRAINT incidents_check1;
ALTER TABLE incidents ADD CONSTRAINT incidents_opened_check CHECK ((status IN ('open', 'closed')) = (level IS NOT NULL AND opened_at IS NOT NULL));
ALTER TABLE incidents
  ADD COLUMN closed_at timestamptz,
  ADD COLUMN closed_by uuid REFERENCES accounts (id),
  ADD COLUMN outcome text;
ALTER TABLE incidents ADD CONSTRAINT incidents_closed_check CHECK ((status = 'closed') = (closed_at IS NOT NULL AND closed_by IS NOT NULL AND outcome IS NOT NULL));

-- The after-action review written when an incident is closed: one per closing (a reopened
-- incident closed again has a second). `timings` are computed from the deadlines at the moment
-- of closing, never typed; `follow_up_actions` name the tasks they became. Never changed.
CREATE TABLE incident_reviews (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  incident_id uuid NOT NULL REFERENCES incidents (id),
  closed_at timestamptz NOT NULL,
  closed_by uuid NOT NULL REFERENCES accounts (id),
  closed_by_name text NOT NULL,
  outcome text NOT NULL,
  figures jsonb NOT NULL,
  summary text NOT NULL,
  lessons text NOT NULL,
  follow_up_actions jsonb NOT NULL DEFAULT '[]'::jsonb,
  timings jsonb NOT NULL DEFAULT '[]'::jsonb
);
CREATE INDEX incident_reviews_incident_idx ON incident_reviews (incident_id, closed_at DESC);

-- Follow-up actions of a review become tasks of the incident: for a working group or for one
-- person, marked by the review they came from.
ALTER TABLE incident_tasks ALTER COLUMN group_id DROP NOT NULL;
ALTER TABLE incident_tasks
  ADD COLUMN assignee_id uuid REFERENCES accounts (id),
  ADD COLUMN review_id uuid REFERENCES incident_reviews (id);
ALTER TABLE incident_tasks ADD CONSTRAINT incident_tasks_assigned_check CHECK (group_id IS NOT NULL OR assignee_id IS NOT NULL);

-- A report upward of an incident, from the incident's org to its parent. Drafted from the
-- incident's facts, edited, approved (签发) by a leader, then sent: from then on it is the
-- record of what was reported, and it is never changed. A follow-up report carries its
-- number (第N次续报); a final report the review of the closing it reports.
CREATE TABLE incident_reports (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  incident_id uuid NOT NULL REFERENCES incidents (id),
  kind text NOT NULL CHECK (kind IN ('initial', 'follow_up', 'final')),
  sequence integer CHECK (sequence > 0),
  review_id uuid REFERENCES incident_reviews (id),
  status text NOT NULL CHECK (status IN ('draft', 'approved', 'sent')),
  title text NOT NULL,
  content jsonb NOT NULL,
  from_org_id uuid NOT NULL REFERENCES orgs (id),
  to_org_id uuid REFERENCES orgs (id),
  created_by uuid NOT NULL REFERENCES accounts (id),
  created_at timestamptz NOT NULL,
  updated_at timestamptz NOT NULL,
  approved_by uuid REFERENCES accounts (id),
  approved_at timestamptz,
  sent_by uuid REFERENCES accounts (id),
  sent_at timestamptz,
  version integer NOT NULL DEFAULT 1,
  CHECK ((kind = 'follow_up') = (sequence IS NOT NULL)),
  CHECK ((kind = 'final') = (review_id IS NOT NULL)),
  CHECK ((status = 'draft') = (approved_at IS NULL AND approved_by IS NULL)),
  CHECK ((status = 'sent') = (sent_at IS NOT NULL AND sent_by IS NOT NULL AND to_org_id IS NOT NULL))
);
CREATE INDEX incident_reports_incident_idx ON incident_reports (incident_id, created_at);
-- One initial report per incident, one report per follow-up number, one final per closing.
CREATE UNIQUE INDEX incident_reports_initial_idx ON incident_reports (incident_id) WHERE kind = 'initial';
CREATE UNIQUE INDEX incident_reports_follow_up_idx ON incident_reports (incident_id, sequence) WHERE kind = 'follow_up';
CREATE UNIQUE INDEX incident_reports_final_idx ON incident_reports (review_id) WHERE kind = 'final';
-- The inbox of an org: what was sent to it, newest first.
CREATE INDEX incident_reports_inbox_idx ON incident_reports (to_org_id, sent_at DESC) WHERE status = 'sent';
