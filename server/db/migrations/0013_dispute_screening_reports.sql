-- The semi-monthly screening report (矛盾纠纷排查报表, 半月报): one per mediation committee (an
-- org) and half-month, named by the period's first day (the 1st or the 16th). `screenings` is
-- the one figure the committee types in (how many screening rounds it carried out); the rest
-- are computed from the register when the report is filed and kept as they were then, so a
-- later correction of the register does not change a filed report. Filing again before the due
-- time replaces the row (no history of drafts: the last one filed in time is the report).
CREATE TABLE dispute_screening_reports (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  org_id uuid NOT NULL REFERENCES orgs (id),
  period_start date NOT NULL CHECK (extract(day FROM period_start) IN (1, 16)),
  screenings integer NOT NULL CHECK (screenings >= 0),
  note text,
  figures jsonb NOT NULL CHECK (jsonb_typeof(figures) = 'object'),
  submitted_by uuid NOT NULL REFERENCES accounts (id),
  submitted_at timestamptz NOT NULL,
  UNIQUE (org_id, period_start)
);
CREATE INDEX dispute_screening_reports_period_idx ON dispute_screening_reports (period_start);
