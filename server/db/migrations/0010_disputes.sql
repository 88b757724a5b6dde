-- The dispute register (纠纷登记簿): one row per dispute, its parties, its timeline, and the
-- counters that number cases per org and year.
--
-- Escalation risk (`risk`, with its reason) is a property of the dispute, never of a person:
-- parties carry no risk, tag or score. `status` lists the whole life of a case now (the
-- register writes `registered`; acceptance, mediation, referral and closing come later), so
-- the constraint does not change as those steps arrive. `case_year` is the year of
-- registration in China time; (org, year, seq) is the human case number.
CREATE TABLE disputes (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  org_id uuid NOT NULL REFERENCES orgs (id),
  case_year integer NOT NULL,
  case_seq integer NOT NULL CHECK (case_seq >= 1),
  status text NOT NULL CHECK (status IN ('registered', 'accepted', 'refused', 'in_mediation', 'agreed', 'not_agreed', 'withdrawn', 'referred', 'closed')),
  source text NOT NULL CHECK (source IN ('screening', 'walk_in', 'phone', 'referral', 'self_reported')),
  screening_kind text CHECK (screening_kind IN ('routine', 'periodic', 'special', 'joint')),
  referred_by text CHECK (referred_by IN ('court', 'police', 'department', 'other_org')),
  referring_body text,
  type text NOT NULL,
  summary text NOT NULL,
  claims text NOT NULL,
  amount_in_dispute numeric CHECK (amount_in_dispute >= 0),
  people_involved integer NOT NULL CHECK (people_involved >= 1),
  occurred_at timestamptz NOT NULL,
  risk text NOT NULL CHECK (risk IN ('low', 'medium', 'high')),
  risk_reason text,
  level text NOT NULL CHECK (level IN ('village', 'township', 'county')),
  route text NOT NULL CHECK (route IN ('people', 'administrative', 'judicial')),
  registered_by uuid NOT NULL REFERENCES accounts (id),
  registered_at timestamptz NOT NULL,
  version integer NOT NULL DEFAULT 1,
  updated_at timestamptz NOT NULL,
  UNIQUE (org_id, case_year, case_seq),
  CHECK ((source = 'screening') = (screening_kind IS NOT NULL)),
  CHECK ((source = 'referral') = (referred_by IS NOT NULL)),
  CHECK (source = 'referral' OR referring_body IS NULL),
  CHECK (risk = 'low' OR risk_reason IS NOT NULL)
);
CREATE INDEX disputes_org_idx ON disputes (org_id, registered_at DESC);
CREATE INDEX disputes_registered_by_idx ON disputes (registered_by);
CREATE INDEX disputes_summary_trgm_idx ON disputes USING gin (summary gin_trgm_ops);

-- The last case number given per org and year. Registering takes the next with one upsert,
-- whose row lock makes concurrent registrations of the org wait for each other's number.
CREATE TABLE dispute_case_counters (
  org_id uuid NOT NULL REFERENCES orgs (id),
  case_year integer NOT NULL,
  last_seq integer NOT NULL CHECK (last_seq >= 1),
  PRIMARY KEY (org_id, case_year)
);

-- The parties of a dispute, in the order given. A person appears here only as a party to this
-- case. The ID number (resident ID for a person, credit code for an organisation) is stored as
-- given and masked in every list and export; a change replaces the whole list.
CREATE TABLE dispute_parties (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  dispute_id uuid NOT NULL REFERENCES disputes (id),
  position integer NOT NULL CHECK (position >= 0),
  side text NOT NULL CHECK (side IN ('applicant', 'respondent')),
  kind text NOT NULL CHECK (kind IN ('person', 'organisation')),
  name text NOT NULL,
  contact_phone text,
  id_number text,
  agent_name text,
  agent_contact text,
  UNIQUE (dispute_id, position)
);
CREATE INDEX dispute_parties_name_trgm_idx ON dispute_parties USING gin (name gin_trgm_ops);

-- Everything that happened to a dispute, in order; written once, like incident_events.
CREATE TABLE dispute_events (
  seq bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  dispute_id uuid NOT NULL REFERENCES disputes (id),
  kind text NOT NULL,
  at timestamptz NOT NULL,
  actor_id uuid REFERENCES accounts (id),
  actor_name text,
  detail jsonb NOT NULL DEFAULT '{}'::jsonb
);
CREATE INDEX dispute_events_dispute_idx ON dispute_events (dispute_id, seq);

CREATE FUNCTION dispute_events_refuse_change() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'dispute_events is append-only';
END
$$;
CREATE TRIGGER dispute_events_no_update_or_delete BEFORE UPDATE OR DELETE ON dispute_events
  FOR EACH ROW EXECUTE FUNCTION dispute_events_refuse_change();
CREATE TRIGGER dispute_events_no_truncate BEFORE TRUNCATE ON dispute_events
  FOR EACH STATEMENT EXECUTE FUNCTION dispute_events_refuse_change();

-- A dispute at high risk notifies the township office (`dispute_high_risk`); the notification
-- names the dispute so that its recipient can open the case.
ALTER TABLE notifications DROP CONSTRAINT notifications_kind_check;
ALTER TABLE notifications ADD CONSTRAINT notifications_kind_check
  CHECK (kind IN ('incident_reported', 'incident_response', 'escalation', 'report_received', 'task_overdue', 'dispute_high_risk'));
ALTER TABLE notifications ADD COLUMN dispute_id uuid REFERENCES disputes (id);
CREATE INDEX notifications_dispute_idx ON notifications (dispute_id) WHERE dispute_id IS NOT NULL;
