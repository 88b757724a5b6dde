-- Mediation of an accepted dispute and what comes of it: sessions, the outcome (agreement,
-- no agreement, withdrawal), the agreement (调解协议书) and the follow-up visits that check it
-- was performed, referral (移交) to a court, the police or a department until its result is
-- recorded, and moving a case up to the township or county.
--
-- `concluded_at` is when mediation ended (agreed, not agreed, withdrawn, or the receiver of a
-- referral finished with it); a follow-up that finds an agreement unperformed reopens the case
-- and clears it, the timeline keeping what happened before.
ALTER TABLE disputes
  ADD COLUMN concluded_at timestamptz,
  ADD COLUMN outcome_note text,
  -- The org that numbered the case. A case moved up to the township keeps its number, which
  -- is unique per numbering org and year, not per the org handling it now.
  ADD COLUMN case_org_id uuid REFERENCES orgs (id);
UPDATE disputes SET case_org_id = org_id;
ALTER TABLE disputes ALTER COLUMN case_org_id SET NOT NULL;
ALTER TABLE disputes DROP CONSTRAINT disputes_org_id_case_year_case_seq_key;
ALTER TABLE disputes ADD CONSTRAINT disputes_case_number_key UNIQUE (case_org_id, case_year, case_seq);
ALTER TABLE disputes ADD CONSTRAINT disputes_concluded_status CHECK (concluded_at IS NULL OR status IN ('agreed', 'not_agreed', 'withdrawn', 'closed'));
CREATE INDEX disputes_status_idx ON disputes (status, org_id);

-- A mediation session (调解记录): when and where, who came, what each side said, what the
-- mediators proposed and what came of it. Written once, like the timeline.
CREATE TABLE dispute_sessions (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  dispute_id uuid NOT NULL REFERENCES disputes (id),
  held_at timestamptz NOT NULL,
  place text NOT NULL,
  attendees text NOT NULL,
  applicant_statement text NOT NULL,
  respondent_statement text NOT NULL,
  proposals text,
  result text NOT NULL,
  recorded_by uuid NOT NULL REFERENCES accounts (id),
  recorded_at timestamptz NOT NULL
);
CREATE INDEX dispute_sessions_dispute_idx ON dispute_sessions (dispute_id, held_at);

-- The agreement reached (人民调解法 Arts. 28–33): written (调解协议书, signed by the parties and
-- the mediator, sealed by the committee) or oral (recorded by the mediator). `terms` is the
-- list of agreed terms, at least one; a case reopened after a failed follow-up may reach a
-- second agreement, so a dispute can have several, the latest in force.
CREATE TABLE dispute_agreements (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  dispute_id uuid NOT NULL REFERENCES disputes (id),
  form text NOT NULL CHECK (form IN ('written', 'oral')),
  facts text NOT NULL,
  terms jsonb NOT NULL CHECK (jsonb_typeof(terms) = 'array' AND jsonb_array_length(terms) >= 1),
  performance_manner text NOT NULL,
  performance_due_on date NOT NULL,
  made_at timestamptz NOT NULL,
  recorded_by uuid NOT NULL REFERENCES accounts (id)
);
CREATE INDEX dispute_agreements_dispute_idx ON dispute_agreements (dispute_id, made_at);

-- 回访: scheduled when an agreement is reached; the visit records whether it was performed.
-- One visit at a time is pending per dispute.
CREATE TABLE dispute_follow_ups (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  dispute_id uuid NOT NULL REFERENCES disputes (id),
  agreement_id uuid NOT NULL REFERENCES dispute_agreements (id),
  due_at timestamptz NOT NULL,
  visited_at timestamptz,
  performance text CHECK (performance IN ('fully', 'partly', 'not')),
  notes text,
  recorded_by uuid REFERENCES accounts (id),
  recorded_at timestamptz,
  CHECK ((visited_at IS NULL) = (performance IS NULL) AND (visited_at IS NULL) = (recorded_by IS NULL) AND (visited_at IS NULL) = (recorded_at IS NULL))
);
CREATE UNIQUE INDEX dispute_follow_ups_one_pending_idx ON dispute_follow_ups (dispute_id) WHERE visited_at IS NULL;
CREATE INDEX dispute_follow_ups_dispute_idx ON dispute_follow_ups (dispute_id, due_at);

-- 移交: to a court, the police, labour inspection, a department or another org. The case stays
-- open until the receiver's result is recorded: handled there (the case closes) or returned
-- to mediation.
CREATE TABLE dispute_referrals (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  dispute_id uuid NOT NULL REFERENCES disputes (id),
  receiver_kind text NOT NULL CHECK (receiver_kind IN ('court', 'police', 'labour_inspection', 'department', 'other_org')),
  receiver_name text NOT NULL,
  reason text NOT NULL,
  referred_at timestamptz NOT NULL,
  referred_by uuid NOT NULL REFERENCES accounts (id),
  result text CHECK (result IN ('handled', 'returned')),
  result_note text,
  result_at timestamptz,
  result_by uuid REFERENCES accounts (id),
  CHECK ((result IS NULL) = (result_at IS NULL) AND (result IS NULL) = (result_by IS NULL) AND (result IS NULL) = (result_note IS NULL))
);
CREATE UNIQUE INDEX dispute_referrals_one_open_idx ON dispute_referrals (dispute_id) WHERE result IS NULL;

-- Live events about a dispute name it, so that a screen showing the case re-reads it and the
-- policy layer sends the event to whoever may read the dispute.
ALTER TABLE live_events ADD COLUMN dispute_id uuid;

-- Moving a case up tells the receiving level; a follow-up visit falling due tells the mediators.
ALTER TABLE notifications DROP CONSTRAINT notifications_kind_check;
ALTER TABLE notifications ADD CONSTRAINT notifications_kind_check
  CHECK (kind IN ('incident_reported', 'incident_response', 'escalation', 'report_received', 'task_overdue', 'dispute_high_risk', 'dispute_reminder', 'dispute_overdue', 'dispute_moved_up', 'dispute_follow_up_due'));
