-- Deadlines (the one scheduler's rows) and incidents (突发事件) with their tasks and timeline.

-- A deadline: something that must happen by `due_at`, about one record (`subject_type`,
-- `subject_id`). The scheduler claims due rows with FOR UPDATE SKIP LOCKED and runs the
-- handler of their `kind` in the same transaction, so each fires once across nodes and none
-- is lost when a node dies mid-way. Meeting it in time (or late, after it fired) sets
-- `met_at`; `fired_at` stays, so a late one remains visibly late. A failing handler leaves
-- the row pending with `retry_at` pushed back and the error kept, rather than firing it
-- half-done or retrying it in a tight loop.
CREATE TABLE deadlines (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  kind text NOT NULL,
  subject_type text NOT NULL,
  subject_id uuid NOT NULL,
  org_id uuid NOT NULL REFERENCES orgs (id),
  due_at timestamptz NOT NULL,
  status text NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'met', 'fired', 'cancelled')),
  fired_at timestamptz,
  met_at timestamptz,
  cancelled_at timestamptz,
  attempts integer NOT NULL DEFAULT 0 CHECK (attempts >= 0),
  retry_at timestamptz,
  last_error text,
  payload jsonb NOT NULL DEFAULT '{}'::jsonb,
  created_at timestamptz NOT NULL,
  CHECK (status <> 'fired' OR fired_at IS NOT NULL),
  CHECK (status <> 'met' OR met_at IS NOT NULL),
  CHECK (status <> 'cancelled' OR cancelled_at IS NOT NULL)
);
-- The scheduler's one question: pending rows due by now, earliest first.
CREATE INDEX deadlines_status_due_idx ON deadlines (status, due_at);
CREATE INDEX deadlines_subject_idx ON deadlines (subject_type, subject_id);

-- An incident as reported and then handled. The figures are the latest report's; each
-- report that changes them is kept in the timeline. `plan_id`/`plan_version_id` name the plan
-- version that suggests the level while the incident is reported and that it ran under
-- once opened (`opened_at`). Coordinates are of the place of the event, never of a person.
CREATE TABLE incidents (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  org_id uuid NOT NULL REFERENCES orgs (id),
  status text NOT NULL CHECK (status IN ('reported', 'open')),
  category text NOT NULL CHECK (category IN ('natural_disaster', 'accident_disaster', 'public_health', 'social_security')),
  subtype text,
  title text NOT NULL,
  description text NOT NULL,
  place text NOT NULL,
  latitude numeric CHECK (latitude BETWEEN -90 AND 90),
  longitude numeric CHECK (longitude BETWEEN -180 AND 180),
  occurred_at timestamptz NOT NULL,
  source text,
  people_involved integer NOT NULL DEFAULT 0 CHECK (people_involved >= 0),
  onlookers integer NOT NULL DEFAULT 0 CHECK (onlookers >= 0),
  deaths integer NOT NULL DEFAULT 0 CHECK (deaths >= 0),
  injuries integer NOT NULL DEFAULT 0 CHECK (injuries >= 0),
  missing integer NOT NULL DEFAULT 0 CHECK (missing >= 0),
  economic_loss numeric NOT NULL DEFAULT 0 CHECK (economic_loss >= 0),
  cause text,
  trend text,
  measures_taken text,
  help_needed text,
  reporter_name text,
  reporter_contact text,
  suggested_level text CHECK (suggested_level IN ('I', 'II', 'III', 'IV')),
  level text CHECK (level IN ('I', 'II', 'III', 'IV')),
  level_reason text,
  plan_id uuid REFERENCES plans (id),
  plan_version_id uuid REFERENCES plan_versions (id),
  opened_at timestamptz,
  opened_by uuid REFERENCES accounts (id),
  reported_by uuid NOT NULL REFERENCES accounts (id),
  reported_at timestamptz NOT NULL,
  version integer NOT NULL DEFAULT 1,
  updated_at timestamptz NOT NULL,
  CHECK ((latitude IS NULL) = (longitude IS NULL)),
  CHECK ((status = 'open') = (level IS NOT NULL AND opened_at IS NOT NULL)),
  CHECK ((plan_id IS NULL) = (plan_version_id IS NULL))
);
CREATE INDEX incidents_org_idx ON incidents (org_id, reported_at DESC);
CREATE INDEX incidents_reported_by_idx ON incidents (reported_by);
CREATE INDEX incidents_title_trgm_idx ON incidents USING gin (title gin_trgm_ops);
CREATE INDEX incidents_place_trgm_idx ON incidents USING gin (place gin_trgm_ops);

-- Tasks of the working groups, from the plan's templates of the level that created them.
-- Each has its deadline row; `version` is its own optimistic lock.
CREATE TABLE incident_tasks (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  incident_id uuid NOT NULL REFERENCES incidents (id),
  group_id uuid NOT NULL REFERENCES groups (id),
  level text NOT NULL CHECK (level IN ('I', 'II', 'III', 'IV')),
  title text NOT NULL,
  description text,
  due_at timestamptz NOT NULL,
  deadline_id uuid NOT NULL REFERENCES deadlines (id),
  status text NOT NULL DEFAULT 'open' CHECK (status IN ('open', 'in_progress', 'done', 'cancelled')),
  notes text,
  version integer NOT NULL DEFAULT 1,
  created_at timestamptz NOT NULL,
  updated_at timestamptz NOT NULL
);
CREATE INDEX incident_tasks_incident_idx ON incident_tasks (incident_id);

-- The timeline (时间线): append-only, in the order written. `actor_name` is kept as written
-- so the timeline reads the same after an account is renamed; a null actor is the system
-- (the scheduler).
CREATE TABLE incident_events (
  seq bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  incident_id uuid NOT NULL REFERENCES incidents (id),
  kind text NOT NULL,
  at timestamptz NOT NULL,
  actor_id uuid REFERENCES accounts (id),
  actor_name text,
  detail jsonb NOT NULL DEFAULT '{}'::jsonb
);
CREATE INDEX incident_events_incident_idx ON incident_events (incident_id, seq);

CREATE FUNCTION incident_events_refuse_change() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'incident_events is append-only';
END
$$;
CREATE TRIGGER incident_events_no_update_or_delete BEFORE UPDATE OR DELETE ON incident_events
  FOR EACH ROW EXECUTE FUNCTION incident_events_refuse_change();
CREATE TRIGGER incident_events_no_truncate BEFORE TRUNCATE ON incident_events
  FOR EACH STATEMENT EXECUTE FUNCTION incident_events_refuse_change();
