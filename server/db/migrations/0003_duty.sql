-- Duty (值班备勤): shifts with their logbook and hand-overs, protection periods (特护期) with
-- the daily status reports (零报告) they require, and the secret calendar feeds of rosters.

-- A shift of one org: the officers on duty (值班员), the leader on duty (带班领导) and the
-- phone that must be answered. Shifts may overlap or leave gaps: the roster shows those as
-- warnings rather than refusing them, since a duty room sometimes doubles up on purpose.
-- The people are listed in roster order; they are accounts of the shift's org, checked by
-- the service when the shift is written.
CREATE TABLE shifts (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  org_id uuid NOT NULL REFERENCES orgs (id),
  starts_at timestamptz NOT NULL,
  ends_at timestamptz NOT NULL,
  officer_ids uuid[] NOT NULL CHECK (cardinality(officer_ids) BETWEEN 1 AND 10),
  leader_id uuid REFERENCES accounts (id),
  phone text NOT NULL,
  note text,
  version integer NOT NULL DEFAULT 1,
  created_by uuid REFERENCES accounts (id),
  created_at timestamptz NOT NULL,
  updated_at timestamptz NOT NULL,
  CHECK (ends_at > starts_at AND ends_at - starts_at <= interval '48 hours'),
  CHECK (leader_id IS NULL OR NOT leader_id = ANY (officer_ids))
);
-- Rosters are read by org and time range; "on duty now" by org and instant.
CREATE INDEX shifts_org_starts_idx ON shifts (org_id, starts_at);
CREATE INDEX shifts_org_ends_idx ON shifts (org_id, ends_at);
-- A person's own calendar feed finds their shifts as officer or as leader.
CREATE INDEX shifts_officers_idx ON shifts USING gin (officer_ids);
CREATE INDEX shifts_leader_idx ON shifts (leader_id);

-- The logbook of a shift (值班日志): append-only; a correction is a new entry that names the
-- one it corrects.
CREATE TABLE shift_log_entries (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  shift_id uuid NOT NULL REFERENCES shifts (id),
  kind text NOT NULL CHECK (kind IN ('call', 'action', 'note')),
  at timestamptz NOT NULL,
  text text NOT NULL,
  corrects_id uuid REFERENCES shift_log_entries (id),
  author_id uuid NOT NULL REFERENCES accounts (id),
  written_at timestamptz NOT NULL
);
CREATE INDEX shift_log_entries_shift_idx ON shift_log_entries (shift_id, at);

CREATE FUNCTION shift_log_refuse_change() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'shift_log_entries is append-only';
END
$$;
CREATE TRIGGER shift_log_no_update_or_delete BEFORE UPDATE OR DELETE ON shift_log_entries
  FOR EACH ROW EXECUTE FUNCTION shift_log_refuse_change();

-- The hand-over (交接班) written at the end of a shift, one per shift. What it says never
-- changes; the incoming side acknowledges it once.
CREATE TABLE handovers (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  shift_id uuid NOT NULL UNIQUE REFERENCES shifts (id),
  org_id uuid NOT NULL REFERENCES orgs (id),
  open_matters text NOT NULL,
  watch_items text,
  written_by uuid NOT NULL REFERENCES accounts (id),
  written_at timestamptz NOT NULL,
  acknowledged_by uuid REFERENCES accounts (id),
  acknowledged_at timestamptz,
  acknowledgement_note text,
  CHECK ((acknowledged_by IS NULL) = (acknowledged_at IS NULL))
);
CREATE INDEX handovers_org_written_idx ON handovers (org_id, written_at);

CREATE FUNCTION handovers_refuse_rewrite() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'DELETE' OR OLD.acknowledged_at IS NOT NULL
     OR (NEW.shift_id, NEW.org_id, NEW.open_matters, NEW.watch_items, NEW.written_by, NEW.written_at)
        IS DISTINCT FROM (OLD.shift_id, OLD.org_id, OLD.open_matters, OLD.watch_items, OLD.written_by, OLD.written_at) THEN
    RAISE EXCEPTION 'a hand-over is only ever acknowledged, once';
  END IF;
  RETURN NEW;
END
$$;
CREATE TRIGGER handovers_acknowledge_only BEFORE UPDATE OR DELETE ON handovers
  FOR EACH ROW EXECUTE FUNCTION handovers_refuse_rewrite();

-- A protection period (特护期) declared by an org for orgs of its subtree, listed explicitly.
-- Dates are calendar dates in China, both included.
CREATE TABLE protection_periods (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  org_id uuid NOT NULL REFERENCES orgs (id),
  name text NOT NULL,
  start_date date NOT NULL,
  end_date date NOT NULL,
  leader_required boolean NOT NULL DEFAULT false,
  report_due_time text CHECK (report_due_time ~ '^([01][0-9]|2[0-3]):[0-5][0-9]$'),
  version integer NOT NULL DEFAULT 1,
  created_by uuid REFERENCES accounts (id),
  created_at timestamptz NOT NULL,
  updated_at timestamptz NOT NULL,
  CHECK (end_date >= start_date)
);
CREATE INDEX protection_periods_org_idx ON protection_periods (org_id);
CREATE INDEX protection_periods_dates_idx ON protection_periods (start_date, end_date);

CREATE TABLE protection_period_orgs (
  period_id uuid NOT NULL REFERENCES protection_periods (id),
  org_id uuid NOT NULL REFERENCES orgs (id),
  PRIMARY KEY (period_id, org_id)
);
CREATE INDEX protection_period_orgs_org_idx ON protection_period_orgs (org_id);

-- The daily unit status report of a covered org during a period: one per org and date.
CREATE TABLE status_reports (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  period_id uuid NOT NULL REFERENCES protection_periods (id),
  org_id uuid NOT NULL REFERENCES orgs (id),
  report_date date NOT NULL,
  nothing_to_report boolean NOT NULL,
  summary text,
  links jsonb NOT NULL DEFAULT '[]'::jsonb,
  filed_by uuid NOT NULL REFERENCES accounts (id),
  filed_at timestamptz NOT NULL,
  UNIQUE (period_id, org_id, report_date),
  CHECK (nothing_to_report OR summary IS NOT NULL)
);

-- A roster published as iCalendar at a secret address. Only the SHA-256 of the token is
-- kept; an org or a person has at most one live feed, and replacing it revokes the old one.
CREATE TABLE calendar_feeds (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  kind text NOT NULL CHECK (kind IN ('org', 'person')),
  org_id uuid REFERENCES orgs (id),
  account_id uuid REFERENCES accounts (id),
  token_hash text NOT NULL UNIQUE,
  created_by uuid NOT NULL REFERENCES accounts (id),
  created_at timestamptz NOT NULL,
  revoked_at timestamptz,
  CHECK ((kind = 'org') = (org_id IS NOT NULL) AND (kind = 'person') = (account_id IS NOT NULL))
);
CREATE UNIQUE INDEX calendar_feeds_live_org_idx ON calendar_feeds (org_id) WHERE kind = 'org' AND revoked_at IS NULL;
CREATE UNIQUE INDEX calendar_feeds_live_person_idx ON calendar_feeds (account_id) WHERE kind = 'person' AND revoked_at IS NULL;
