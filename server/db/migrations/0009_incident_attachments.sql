-- Files attached to an incident (photos, documents) as evidence. The bytes live in the
-- database, so every node behind one PostgreSQL serves them and a backup holds them with the
-- record they belong to. Like the timeline, an attachment is never changed or removed.
CREATE TABLE incident_attachments (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  -- The order added, also among the files of one upload.
  seq bigint GENERATED ALWAYS AS IDENTITY UNIQUE,
  incident_id uuid NOT NULL REFERENCES incidents (id),
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
  uploaded_at timestamptz NOT NULL
);
CREATE INDEX incident_attachments_incident_idx ON incident_attachments (incident_id, seq);

CREATE FUNCTION incident_attachments_refuse_change() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'incident_attachments is append-only';
END
$$;
CREATE TRIGGER incident_attachments_no_update_or_delete BEFORE UPDATE OR DELETE ON incident_attachments
  FOR EACH ROW EXECUTE FUNCTION incident_attachments_refuse_change();
CREATE TRIGGER incident_attachments_no_truncate BEFORE TRUNCATE ON incident_attachments
  FOR EACH STATEMENT EXECUTE FUNCTION incident_attachments_refuse_change();
