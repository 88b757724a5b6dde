-- Two-factor sign-in (TOTP, RFC 6238) with one-time recovery codes.

-- One authenticator per account. The secret is encrypted (AES-256-GCM, key derived from
-- SESSION_SECRET), so the table alone does not yield codes. Pending until confirmed with a
-- code: `enabled_at` is null until then. `last_used_step` is the 30-second step of the last
-- code accepted, so a code cannot be used twice, not even within its window.
CREATE TABLE two_factor_secrets (
  account_id uuid PRIMARY KEY REFERENCES accounts (id),
  secret_encrypted text NOT NULL,
  created_at timestamptz NOT NULL,
  enabled_at timestamptz,
  last_used_step bigint
);

-- Only the keyed hash of each code is kept; a used code keeps its row, marked.
CREATE TABLE two_factor_recovery_codes (
  id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  account_id uuid NOT NULL REFERENCES accounts (id),
  code_hash text NOT NULL,
  used_at timestamptz,
  UNIQUE (account_id, code_hash)
);

-- A sign-in whose password was right and whose second step is still to come: the cookie holds
-- a random token, the table its keyed hash. It grants nothing but that second step.
CREATE TABLE two_factor_challenges (
  token_hash text PRIMARY KEY,
  account_id uuid NOT NULL REFERENCES accounts (id),
  expires_at timestamptz NOT NULL
);
CREATE INDEX two_factor_challenges_account_idx ON two_factor_challenges (account_id);
