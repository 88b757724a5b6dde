-- What the dashboards read at a county's scale (a million cases and incidents).
--
-- dispute_counts: the dispute statistics' figures summed per org, type, level, period of
-- registration and period of conclusion (China time), each case counted three times over: in
-- its day, its week (from Monday) and its month. A year of a county's statistics by month then
-- adds up a few thousand rows instead of counting every case; the days cover the ends of a
-- range that are not whole months or weeks. The triggers below keep it in the same statement as
-- each change of a dispute, its agreements or its referrals, so that it holds, for every key,
-- exactly the sum of dispute_count_row over the disputes of that key; the cases of a day the
-- range covers only in part are counted directly. Rows whose counts fell back to zero stay;
-- readers skip them.
CREATE TABLE dispute_counts (
  period text NOT NULL CHECK (period IN ('day', 'week', 'month')),
  org_id uuid NOT NULL REFERENCES orgs (id),
  -- The first day of the period.
  registered_on date NOT NULL,
  type text NOT NULL,
  level text NOT NULL,
  -- The first day of the period the mediation ended in, if it did.
  concluded_on date,
  cases integer NOT NULL,
  status_registered integer NOT NULL,
  status_accepted integer NOT NULL,
  status_refused integer NOT NULL,
  status_in_mediation integer NOT NULL,
  status_agreed integer NOT NULL,
  status_not_agreed integer NOT NULL,
  status_withdrawn integer NOT NULL,
  status_referred integer NOT NULL,
  status_closed integer NOT NULL,
  ever_accepted integer NOT NULL,
  closed_with_agreement integer NOT NULL,
  ever_referred integer NOT NULL,
  concluded integer NOT NULL,
  concluded_on_time integer NOT NULL,
  CONSTRAINT dispute_counts_key UNIQUE NULLS NOT DISTINCT (period, org_id, registered_on, type, level, concluded_on)
);

-- One dispute's share of the counts of its day, `sign` 1 to add it and -1 to take it away.
-- "Concluded" counts a mediation that ended after acceptance (the on-time rate's base);
-- concluded_on dates every end, as the statistics over time show them.
CREATE FUNCTION dispute_count_row(
  org_id uuid, registered_at timestamptz, type text, level text, concluded_at timestamptz, status text,
  accepted_at timestamptz, mediation_due_at timestamptz, has_agreement boolean, was_referred boolean, sign integer
) RETURNS dispute_counts LANGUAGE sql IMMUTABLE AS $$
  SELECT 'day', org_id, (registered_at AT TIME ZONE 'UTC' + interval '8 hours')::date, type, level,
    (concluded_at AT TIME ZONE 'UTC' + interval '8 hours')::date,
    sign,
    sign * (status = 'registered')::int, sign * (status = 'accepted')::int, sign * (status = 'refused')::int,
    sign * (status = 'in_mediation')::int, sign * (status = 'agreed')::int, sign * (status = 'not_agreed')::int,
    sign * (status = 'withdrawn')::int, sign * (status = 'referred')::int, sign * (status = 'closed')::int,
    sign * (accepted_at IS NOT NULL)::int,
    sign * (status = 'closed' AND has_agreement)::int,
    sign * was_referred::int,
    sign * (concluded_at IS NOT NULL AND accepted_at IS NOT NULL)::int,
    sign * (concluded_at IS NOT NULL AND accepted_at IS NOT NULL AND concluded_at <= mediation_due_at)::int
$$;

-- The statement that adds signed shares (the rows of `changes`, a query returning
-- dispute_counts rows of days) into the table, to their day, week and month. Keys are locked in one order, so two transactions
-- changing the same keys wait for each other rather than deadlock.
CREATE FUNCTION dispute_counts_merge_sql(changes text) RETURNS text LANGUAGE sql IMMUTABLE AS $$
  SELECT format($f$
    INSERT INTO dispute_counts AS c
    SELECT p.period, org_id, date_trunc(p.period, registered_on::timestamp)::date, type, level,
      date_trunc(p.period, concluded_on::timestamp)::date, sum(cases),
      sum(status_registered), sum(status_accepted), sum(status_refused), sum(status_in_mediation), sum(status_agreed),
      sum(status_not_agreed), sum(status_withdrawn), sum(status_referred), sum(status_closed),
      sum(ever_accepted), sum(closed_with_agreement), sum(ever_referred), sum(concluded), sum(concluded_on_time)
    FROM (SELECT org_id, registered_on, type, level, concluded_on, cases, status_registered, status_accepted, status_refused,
        status_in_mediation, status_agreed, status_not_agreed, status_withdrawn, status_referred, status_closed,
        ever_accepted, closed_with_agreement, ever_referred, concluded, concluded_on_time FROM (%s) shares) changes,
      (VALUES ('day'), ('week'), ('month')) p (period)
    GROUP BY 1, 2, 3, 4, 5, 6
    ORDER BY 1, 2, 3, 4, 5, 6
    ON CONFLICT ON CONSTRAINT dispute_counts_key DO UPDATE SET
      cases = c.cases + excluded.cases,
      status_registered = c.status_registered + excluded.status_registered,
      status_accepted = c.status_accepted + excluded.status_accepted,
      status_refused = c.status_refused + excluded.status_refused,
      status_in_mediation = c.status_in_mediation + excluded.status_in_mediation,
      status_agreed = c.status_agreed + excluded.status_agreed,
      status_not_agreed = c.status_not_agreed + excluded.status_not_agreed,
      status_withdrawn = c.status_withdrawn + excluded.status_withdrawn,
      status_referred = c.status_referred + excluded.status_referred,
      status_closed = c.status_closed + excluded.status_closed,
      ever_accepted = c.ever_accepted + excluded.ever_accepted,
      closed_with_agreement = c.closed_with_agreement + excluded.closed_with_agreement,
      ever_referred = c.ever_referred + excluded.ever_referred,
      concluded = c.concluded + excluded.concluded,
      concluded_on_time = c.concluded_on_time + excluded.concluded_on_time
  $f$, changes)
$$;

-- The share of a dispute row `d` (old_rows or new_rows) as it stands with the agreements and
-- referrals in the table now.
CREATE FUNCTION dispute_count_row_sql(d text, sign integer) RETURNS text LANGUAGE sql IMMUTABLE AS $$
  SELECT format($f$
    SELECT s.* FROM %1$s d, LATERAL dispute_count_row(d.org_id, d.registered_at, d.type, d.level, d.concluded_at, d.status,
      d.accepted_at, d.mediation_due_at,
      EXISTS (SELECT 1 FROM dispute_agreements a WHERE a.dispute_id = d.id),
      EXISTS (SELECT 1 FROM dispute_referrals r WHERE r.dispute_id = d.id), %2$s) s
  $f$, d, sign)
$$;

-- A dispute registered, changed (only when something counted changes) or removed.
CREATE FUNCTION dispute_counts_on_dispute() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'INSERT' THEN
    EXECUTE dispute_counts_merge_sql(dispute_count_row_sql('new_rows', 1));
  ELSIF TG_OP = 'DELETE' THEN
    EXECUTE dispute_counts_merge_sql(dispute_count_row_sql('old_rows', -1));
  ELSE
    EXECUTE dispute_counts_merge_sql(
      dispute_count_row_sql('(SELECT o.* FROM old_rows o JOIN new_rows n USING (id) WHERE (o.org_id, o.registered_at, o.type, o.level, o.concluded_at, o.status, o.accepted_at, o.mediation_due_at) IS DISTINCT FROM (n.org_id, n.registered_at, n.type, n.level, n.concluded_at, n.status, n.accepted_at, n.mediation_due_at))', -1)
      || ' UNION ALL ' ||
      dispute_count_row_sql('(SELECT n.* FROM old_rows o JOIN new_rows n USING (id) WHERE (o.org_id, o.registered_at, o.type, o.level, o.concluded_at, o.status, o.accepted_at, o.mediation_due_at) IS DISTINCT FROM (n.org_id, n.registered_at, n.type, n.level, n.concluded_at, n.status, n.accepted_at, n.mediation_due_at))', 1));
  END IF;
  RETURN NULL;
END
$$;
CREATE TRIGGER dispute_counts_insert AFTER INSERT ON disputes REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION dispute_counts_on_dispute();
CREATE TRIGGER dispute_counts_update AFTER UPDATE ON disputes REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION dispute_counts_on_dispute();
CREATE TRIGGER dispute_counts_delete AFTER DELETE ON disputes REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION dispute_counts_on_dispute();

-- An agreement or a referral added or removed changes its dispute's share: the share as it
-- was (without the rows of this statement, or with the removed ones) is taken away and the
-- share as it is now added.
CREATE FUNCTION dispute_counts_on_dispute_record() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  changed text := CASE WHEN TG_OP = 'INSERT' THEN 'new_rows' ELSE 'old_rows' END;
  had_agreement text := 'EXISTS (SELECT 1 FROM dispute_agreements a WHERE a.dispute_id = d.id)';
  was_referred text := 'EXISTS (SELECT 1 FROM dispute_referrals r WHERE r.dispute_id = d.id)';
BEGIN
  -- What the table held before this statement: the rows inserted did not exist, the rows deleted did.
  IF TG_TABLE_NAME = 'dispute_agreements' THEN
    had_agreement := CASE WHEN TG_OP = 'INSERT'
      THEN 'EXISTS (SELECT 1 FROM dispute_agreements a WHERE a.dispute_id = d.id AND a.id NOT IN (SELECT id FROM new_rows))'
      ELSE 'TRUE' END;
  ELSE
    was_referred := CASE WHEN TG_OP = 'INSERT'
      THEN 'EXISTS (SELECT 1 FROM dispute_referrals r WHERE r.dispute_id = d.id AND r.id NOT IN (SELECT id FROM new_rows))'
      ELSE 'TRUE' END;
  END IF;
  EXECUTE dispute_counts_merge_sql(format($f$
    SELECT s.* FROM disputes d, LATERAL dispute_count_row(d.org_id, d.registered_at, d.type, d.level, d.concluded_at, d.status,
      d.accepted_at, d.mediation_due_at, %2$s, %3$s, -1) s
    WHERE d.id IN (SELECT dispute_id FROM %1$s)
    UNION ALL
    SELECT s.* FROM disputes d, LATERAL dispute_count_row(d.org_id, d.registered_at, d.type, d.level, d.concluded_at, d.status,
      d.accepted_at, d.mediation_due_at,
      EXISTS (SELECT 1 FROM dispute_agreements a WHERE a.dispute_id = d.id),
      EXISTS (SELECT 1 FROM dispute_referrals r WHERE r.dispute_id = d.id), 1) s
    WHERE d.id IN (SELECT dispute_id FROM %1$s)
  $f$, changed, had_agreement, was_referred));
  RETURN NULL;
END
$$;
CREATE TRIGGER dispute_counts_insert AFTER INSERT ON dispute_agreements REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION dispute_counts_on_dispute_record();
CREATE TRIGGER dispute_counts_delete AFTER DELETE ON dispute_agreements REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION dispute_counts_on_dispute_record();
CREATE TRIGGER dispute_counts_insert AFTER INSERT ON dispute_referrals REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION dispute_counts_on_dispute_record();
CREATE TRIGGER dispute_counts_delete AFTER DELETE ON dispute_referrals REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION dispute_counts_on_dispute_record();

-- The cases there already.
DO $$ BEGIN EXECUTE dispute_counts_merge_sql(dispute_count_row_sql('disputes', 1)); END $$;

-- The statistics' partly covered days count their cases directly, by time of registration.
CREATE INDEX disputes_registered_at_idx ON disputes (registered_at);

-- The list newest first whatever its filters (a text search across the county, say): walked
-- in order, a page is found without sorting every match.
CREATE INDEX incidents_reported_idx ON incidents (reported_at DESC, id DESC);
-- The list's total counts the matches of a subtree from the index alone.
CREATE INDEX incidents_org_filters_idx ON incidents (org_id, status, category, level);
-- The list's text search looks in the description as well as the title and place; without an
-- index on it the search scanned every incident.
CREATE INDEX incidents_description_trgm_idx ON incidents USING gin (description gin_trgm_ops);
-- The live board: open and reported incidents, most severe first, then the newest.
CREATE INDEX incidents_board_idx ON incidents ((COALESCE(level, suggested_level)) ASC NULLS LAST, reported_at DESC, id DESC)
  WHERE status IN ('reported', 'open');
