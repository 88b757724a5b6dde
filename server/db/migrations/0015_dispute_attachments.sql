-- Files of a dispute's mediation (调解记录): the photo of a signed attendance sheet, a scanned
-- statement, the signed agreement. Kept like an incident's evidence: the bytes in the
-- database, never changed or removed. A file may belong to one session of the dispute.
-- The pair (id, dispute_id) lets a file name its session only together with that session's
-- own dispute: one of another dispute is refused by the database too.
ALTER TABLE dispute_sessions ADD CONSTRAINT dispute_sessions_id_dispute_key UNIQUE (id, dispute_id);

CREATE TABLE dispute_attachments (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  -- The order added, also among the files of one upload.
  seq bigint GENERATED ALWAYS AS IDENTITY UNIQUE,
  dispute_id uuid NOT NULL REFERENCES disputes (id),
  session_id uuid REFERENCES dispute_sessions (id),
  file_name text NOT NULL,
  -- Read from the file's bytes, never the client's claim.
  media_type text NOT NULL,
  size_bytes integer NOT NULL CHECK (size_bytes > 0),
  sha256 text NOT NULL,
  content bytea NOT NULL,
  -- Images only: a small WebP, and the size as displayed (after the EXIF orientation).
  thumbnail bytea,
  width integer,
  height integer,
  uploaded_by uuid NOT NULL REFERENCES accounts (id),
  uploaded_by_name text NOT NULL,
  uploaded_at timestamptz NOT NULL,
  FOREIGN KEY (session_id, dispute_id) REFERENCES dispute_sessions (id, dispute_id)
);
CREATE INDEX dispute_attachments_dispute_idx ON dispute_attachments (dispute_id, seq);

CREATE FUNCTION dispute_attachments_refuse_change() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'dispute_attachments is append-only';
END
$$;
CREATE TRIGGER dispute_attachments_no_update_or_delete BEFORE UPDATE OR DELETE ON dispute_attachments
  FOR EACH ROW EXECUTE FUNCTION dispute_attachments_refuse_change();
CREATE TRIGGER dispute_attachments_no_truncate BEFORE TRUNCATE ON dispute_attachments
  FOR EACH STATEMENT EXECUTE FUNCTION dispute_attachments_refuse_change();
