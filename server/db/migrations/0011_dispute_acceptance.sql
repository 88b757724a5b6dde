-- Acceptance (受理) or refusal of a dispute, its mediators and the mediation deadline.
--
-- A case is either accepted (with the reason and when mediation is due: 30 days by default)
-- or refused with where the parties should go instead, since refusing mediation never takes
-- away their way to a court, arbitration or a department; the columns of each are written
-- together, never both.
ALTER TABLE disputes
  ADD COLUMN accepted_at timestamptz,
  ADD COLUMN accepted_by uuid REFERENCES accounts (id),
  ADD COLUMN acceptance_reason text,
  ADD COLUMN mediation_due_at timestamptz,
  ADD COLUMN refused_at timestamptz,
  ADD COLUMN refused_by uuid REFERENCES accounts (id),
  ADD COLUMN refusal_reason text,
  ADD COLUMN redirect_to text CHECK (redirect_to IN ('court', 'arbitration', 'department', 'other')),
  ADD COLUMN redirect_detail text,
  ADD CONSTRAINT disputes_acceptance_whole CHECK (
    (accepted_at IS NULL) = (accepted_by IS NULL) AND (accepted_at IS NULL) = (acceptance_reason IS NULL) AND (accepted_at IS NULL) = (mediation_due_at IS NULL)
  ),
  ADD CONSTRAINT disputes_refusal_whole CHECK (
    (refused_at IS NULL) = (refused_by IS NULL) AND (refused_at IS NULL) = (refusal_reason IS NULL) AND (refused_at IS NULL) = (redirect_to IS NULL)
  ),
  ADD CONSTRAINT disputes_accepted_or_refused CHECK (accepted_at IS NULL OR refused_at IS NULL),
  ADD CONSTRAINT disputes_refused_status CHECK ((status = 'refused') = (refused_at IS NOT NULL)),
  ADD CONSTRAINT disputes_accepted_status CHECK (CASE status WHEN 'registered' THEN accepted_at IS NULL WHEN 'accepted' THEN accepted_at IS NOT NULL ELSE true END);

-- Who mediates an accepted dispute. A change of mediators ends the current assignments
-- (removed_at) and writes new ones, so who mediated when stays on record; among those
-- assigned now there is exactly one lead (the index makes a second one impossible; the
-- service makes sure there is one).
CREATE TABLE dispute_mediators (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  dispute_id uuid NOT NULL REFERENCES disputes (id),
  account_id uuid NOT NULL REFERENCES accounts (id),
  lead boolean NOT NULL,
  assigned_at timestamptz NOT NULL,
  assigned_by uuid NOT NULL REFERENCES accounts (id),
  removed_at timestamptz,
  removed_by uuid REFERENCES accounts (id),
  CHECK ((removed_at IS NULL) = (removed_by IS NULL))
);
CREATE UNIQUE INDEX dispute_mediators_one_lead_idx ON dispute_mediators (dispute_id) WHERE lead AND removed_at IS NULL;
CREATE UNIQUE INDEX dispute_mediators_assigned_idx ON dispute_mediators (dispute_id, account_id) WHERE removed_at IS NULL;
CREATE INDEX dispute_mediators_account_idx ON dispute_mediators (account_id) WHERE removed_at IS NULL;

-- Each extension of the mediation deadline: only with the parties' agreement, and why.
CREATE TABLE dispute_extensions (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  dispute_id uuid NOT NULL REFERENCES disputes (id),
  previous_due_at timestamptz NOT NULL,
  new_due_at timestamptz NOT NULL CHECK (new_due_at > previous_due_at),
  reason text NOT NULL,
  parties_agreed boolean NOT NULL CHECK (parties_agreed),
  extended_at timestamptz NOT NULL,
  extended_by uuid NOT NULL REFERENCES accounts (id)
);
CREATE INDEX dispute_extensions_dispute_idx ON dispute_extensions (dispute_id, extended_at);

-- The mediators are reminded before mediation is due; past it, the committee head and they are told.
ALTER TABLE notifications DROP CONSTRAINT notifications_kind_check;
ALTER TABLE notifications ADD CONSTRAINT notifications_kind_check
  CHECK (kind IN ('incident_reported', 'incident_response', 'escalation', 'report_received', 'task_overdue', 'dispute_high_risk', 'dispute_reminder', 'dispute_overdue'));
