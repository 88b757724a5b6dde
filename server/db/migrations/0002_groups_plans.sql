-- Groups (领导小组、工作组), emergency plans (应急预案) with their versions, and drills (演练).

-- A plan is a stable identity; what it says lives in its versions. `version` is the
-- optimistic lock of the whole plan: every edit, publication and retirement bumps it.
CREATE TABLE plans (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  org_id uuid NOT NULL REFERENCES orgs (id),
  version integer NOT NULL DEFAULT 1,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX plans_org_idx ON plans (org_id);

-- The content is one document (thresholds and response per level), validated by the shared
-- zod schema and versioned as a whole. `categories` repeats the categories the content
-- covers, so that "one active plan per org and category" is a plain array overlap.
CREATE TABLE plan_versions (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  plan_id uuid NOT NULL REFERENCES plans (id),
  version_no integer NOT NULL CHECK (version_no > 0),
  status text NOT NULL CHECK (status IN ('draft', 'active', 'retired')),
  title text NOT NULL,
  categories text[] NOT NULL CHECK (cardinality(categories) > 0),
  content jsonb NOT NULL,
  created_by uuid REFERENCES accounts (id),
  created_at timestamptz NOT NULL,
  updated_at timestamptz NOT NULL,
  published_at timestamptz,
  published_by uuid REFERENCES accounts (id),
  retired_at timestamptz,
  UNIQUE (plan_id, version_no)
);
-- At most one draft and one active version per plan.
CREATE UNIQUE INDEX plan_versions_one_draft_idx ON plan_versions (plan_id) WHERE status = 'draft';
CREATE UNIQUE INDEX plan_versions_one_active_idx ON plan_versions (plan_id) WHERE status = 'active';

CREATE TABLE groups (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  org_id uuid NOT NULL REFERENCES orgs (id),
  kind text NOT NULL CHECK (kind IN ('leadership', 'working')),
  name text NOT NULL,
  duties text,
  parent_id uuid REFERENCES groups (id),
  plan_id uuid REFERENCES plans (id),
  version integer NOT NULL DEFAULT 1,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now(),
  CHECK (parent_id IS NULL OR kind = 'working')
);
CREATE INDEX groups_org_idx ON groups (org_id);
CREATE INDEX groups_parent_idx ON groups (parent_id);
CREATE INDEX groups_plan_idx ON groups (plan_id);

-- Membership is never deleted: leaving sets left_at, so the group's history stays readable.
CREATE TABLE group_members (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  group_id uuid NOT NULL REFERENCES groups (id),
  account_id uuid NOT NULL REFERENCES accounts (id),
  position text NOT NULL CHECK (position IN ('leader', 'deputy', 'member')),
  joined_at timestamptz NOT NULL,
  left_at timestamptz,
  CHECK (left_at IS NULL OR left_at >= joined_at)
);
CREATE UNIQUE INDEX group_members_current_idx ON group_members (group_id, account_id) WHERE left_at IS NULL;
CREATE INDEX group_members_account_idx ON group_members (account_id);

CREATE TABLE drills (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  org_id uuid NOT NULL REFERENCES orgs (id),
  plan_id uuid NOT NULL REFERENCES plans (id),
  plan_version_id uuid NOT NULL REFERENCES plan_versions (id),
  held_on date NOT NULL,
  scenario text NOT NULL,
  participants text,
  participant_ids uuid[] NOT NULL DEFAULT '{}',
  timings jsonb NOT NULL DEFAULT '[]'::jsonb,
  findings text,
  created_by uuid REFERENCES accounts (id),
  created_at timestamptz NOT NULL
);
CREATE INDEX drills_org_idx ON drills (org_id);
CREATE INDEX drills_plan_idx ON drills (plan_id);
