-- Monthly rollups are derived from transactions and must be current on the next read, so they are
-- maintained here, in the same transaction as the write, by statement-level triggers: one
-- aggregated upsert per statement, whether the statement wrote one row (API) or 5,000 (import, COPY).
-- One function serves the three triggers. Transition tables are visible only to queries run by
-- the trigger function itself, which is why the delta query is built here and EXECUTEd here.
CREATE FUNCTION transactions_rollup() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  delta text;
BEGIN
  IF TG_OP = 'INSERT' THEN
    delta := 'SELECT org_id, account_id, booked_on, family, amount_org AS revenue, cost_org AS cost, 1 AS lines FROM transactions_new';
  ELSIF TG_OP = 'UPDATE' THEN
    delta := 'SELECT org_id, account_id, booked_on, family, amount_org AS revenue, cost_org AS cost, 1 AS lines FROM transactions_new
              UNION ALL
              SELECT org_id, account_id, booked_on, family, -amount_org, -cost_org, -1 FROM transactions_old';
  ELSE
    delta := 'SELECT org_id, account_id, booked_on, family, -amount_org AS revenue, -cost_org AS cost, -1 AS lines FROM transactions_old';
  END IF;
  EXECUTE format($q$
    INSERT INTO account_monthly AS m (org_id, account_id, month, revenue, cost, lines)
    SELECT org_id, account_id, date_trunc('month', booked_on)::date, sum(revenue)::bigint, sum(cost)::bigint, sum(lines)::int
    FROM (%1$s) d GROUP BY 1, 2, 3
    ON CONFLICT (org_id, account_id, month) DO UPDATE
      SET revenue = m.revenue + excluded.revenue, cost = m.cost + excluded.cost, lines = m.lines + excluded.lines
  $q$, delta);
  EXECUTE format($q$
    INSERT INTO account_family_monthly AS m (org_id, account_id, family, month, revenue, cost, lines)
    SELECT org_id, account_id, coalesce(family, ''), date_trunc('month', booked_on)::date, sum(revenue)::bigint, sum(cost)::bigint, sum(lines)::int
    FROM (%1$s) d GROUP BY 1, 2, 3, 4
    ON CONFLICT (org_id, account_id, family, month) DO UPDATE
      SET revenue = m.revenue + excluded.revenue, cost = m.cost + excluded.cost, lines = m.lines + excluded.lines
  $q$, delta);
  IF TG_OP <> 'INSERT' THEN
    DELETE FROM account_monthly WHERE lines = 0;
    DELETE FROM account_family_monthly WHERE lines = 0;
  END IF;
  RETURN NULL;
END $$;
--> statement-breakpoint
CREATE TRIGGER transactions_rollup_insert AFTER INSERT ON transactions
  REFERENCING NEW TABLE AS transactions_new FOR EACH STATEMENT EXECUTE FUNCTION transactions_rollup();
--> statement-breakpoint
CREATE TRIGGER transactions_rollup_update AFTER UPDATE ON transactions
  REFERENCING OLD TABLE AS transactions_old NEW TABLE AS transactions_new FOR EACH STATEMENT EXECUTE FUNCTION transactions_rollup();
--> statement-breakpoint
CREATE TRIGGER transactions_rollup_delete AFTER DELETE ON transactions
  REFERENCING OLD TABLE AS transactions_old FOR EACH STATEMENT EXECUTE FUNCTION transactions_rollup();
--> statement-breakpoint
CREATE FUNCTION audit_log_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'audit_log is append-only' USING ERRCODE = 'insufficient_privilege';
END $$;
--> statement-breakpoint
CREATE TRIGGER audit_log_append_only BEFORE UPDATE OR DELETE ON audit_log
  FOR EACH ROW EXECUTE FUNCTION audit_log_append_only();
--> statement-breakpoint
-- Partial indexes keep the cleanup of emptied months cheap: they hold only rows with no lines.
CREATE INDEX account_monthly_empty_idx ON account_monthly (org_id) WHERE lines = 0;
--> statement-breakpoint
CREATE INDEX account_family_monthly_empty_idx ON account_family_monthly (org_id) WHERE lines = 0;
