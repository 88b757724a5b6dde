-- Retention of the audit log. Rows older than the retention (AUDIT_RETENTION_DAYS, at least
-- 180 days for MLPS level 3) may be pruned, when the deployment turns pruning on. A prune first
-- writes an anchor: the seq and hash of the last row it removes, so verification starts from
-- there. Anchors are hash-linked among themselves and append-only like the log.
CREATE TABLE audit_anchors (
  id bigint PRIMARY KEY,
  at timestamptz NOT NULL,
  -- Rows with a seq up to this one were removed; the next row's prev_hash is through_hash.
  through_seq bigint NOT NULL,
  through_hash text NOT NULL,
  -- The rows removed were older than this instant.
  cutoff timestamptz NOT NULL,
  rows_pruned bigint NOT NULL CHECK (rows_pruned > 0),
  prev_hash text NOT NULL,
  hash text NOT NULL
);

CREATE FUNCTION audit_anchors_refuse_change() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'audit_anchors is append-only';
END
$$;
CREATE TRIGGER audit_anchors_no_update_or_delete BEFORE UPDATE OR DELETE ON audit_anchors
  FOR EACH ROW EXECUTE FUNCTION audit_anchors_refuse_change();
CREATE TRIGGER audit_anchors_no_truncate BEFORE TRUNCATE ON audit_anchors
  FOR EACH STATEMENT EXECUTE FUNCTION audit_anchors_refuse_change();

-- The one sanctioned DELETE: the prune sets huajie.audit_prune for its transaction and may only
-- remove rows an anchor already covers. This guards against a mistaken statement, not against
-- someone holding the table owner's SQL rights (they can disable the trigger): the hash chain,
-- the anchors and the prune's own audit row are what reveal such a change.
CREATE FUNCTION audit_log_guard_change() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'DELETE'
    AND current_setting('huajie.audit_prune', true) = 'on'
    AND OLD.seq <= (SELECT max(through_seq) FROM audit_anchors) THEN
    RETURN OLD;
  END IF;
  RAISE EXCEPTION 'audit_log is append-only';
END
$$;
DROP TRIGGER audit_log_no_update_or_delete ON audit_log;
CREATE TRIGGER audit_log_no_update_or_delete BEFORE UPDATE OR DELETE ON audit_log
  FOR EACH ROW EXECUTE FUNCTION audit_log_guard_change();
