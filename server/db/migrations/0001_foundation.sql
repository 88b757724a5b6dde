-- Foundation: org tree, accounts, sessions, sign-in failures and the audit log.

CREATE EXTENSION IF NOT EXISTS pg_trgm;

-- The org tree. `path` lists the ids from the root down to the org itself ('/a/b/c/'),
-- so a jurisdiction (an org's subtree) is one indexed prefix match.
CREATE TABLE orgs (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  parent_id uuid REFERENCES orgs (id),
  path text NOT NULL UNIQUE,
  name text NOT NULL,
  kind text NOT NULL CHECK (kind IN ('county', 'township', 'street', 'village', 'community', 'school', 'enterprise', 'project', 'unit')),
  division_code text,
  phone text,
  address text,
  active boolean NOT NULL DEFAULT true,
  version integer NOT NULL DEFAULT 1,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX orgs_path_prefix_idx ON orgs (path text_pattern_ops);
CREATE INDEX orgs_parent_idx ON orgs (parent_id);
CREATE INDEX orgs_name_trgm_idx ON orgs USING gin (name gin_trgm_ops);

CREATE TABLE accounts (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  org_id uuid NOT NULL REFERENCES orgs (id),
  username text NOT NULL UNIQUE CHECK (username = lower(username)),
  display_name text NOT NULL,
  phone text,
  email text,
  roles text[] NOT NULL CHECK (cardinality(roles) > 0),
  password_hash text NOT NULL,
  must_change_password boolean NOT NULL DEFAULT false,
  password_changed_at timestamptz NOT NULL DEFAULT now(),
  active boolean NOT NULL DEFAULT true,
  version integer NOT NULL DEFAULT 1,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX accounts_org_idx ON accounts (org_id);
CREATE INDEX accounts_display_name_trgm_idx ON accounts USING gin (display_name gin_trgm_ops);

-- Server-side sessions: the cookie holds a random token, the table only its SHA-256,
-- so a leaked table does not let anyone sign in.
CREATE TABLE sessions (
  token_hash text PRIMARY KEY,
  account_id uuid NOT NULL REFERENCES accounts (id),
  csrf_token text NOT NULL,
  created_at timestamptz NOT NULL,
  last_seen_at timestamptz NOT NULL,
  ip text,
  user_agent text
);
CREATE INDEX sessions_account_idx ON sessions (account_id);

CREATE TABLE login_failures (
  id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  username text NOT NULL,
  at timestamptz NOT NULL,
  ip text
);
CREATE INDEX login_failures_username_at_idx ON login_failures (username, at);

-- Append-only, hash-chained: each row carries the hash of the one before it, so a changed
-- or removed row breaks the chain at that point (`huajie audit verify`).
CREATE TABLE audit_log (
  seq bigint PRIMARY KEY,
  at timestamptz NOT NULL,
  actor_id uuid,
  actor_name text,
  org_id uuid,
  action text NOT NULL,
  record_type text,
  record_id text,
  detail jsonb NOT NULL DEFAULT '{}'::jsonb,
  reason text,
  ip text,
  prev_hash text NOT NULL,
  hash text NOT NULL
);
CREATE INDEX audit_log_at_idx ON audit_log (at);
CREATE INDEX audit_log_record_idx ON audit_log (record_type, record_id);
CREATE INDEX audit_log_org_idx ON audit_log (org_id);

CREATE FUNCTION audit_log_refuse_change() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'audit_log is append-only';
END
$$;
CREATE TRIGGER audit_log_no_update_or_delete BEFORE UPDATE OR DELETE ON audit_log
  FOR EACH ROW EXECUTE FUNCTION audit_log_refuse_change();
CREATE TRIGGER audit_log_no_truncate BEFORE TRUNCATE ON audit_log
  FOR EACH STATEMENT EXECUTE FUNCTION audit_log_refuse_change();
