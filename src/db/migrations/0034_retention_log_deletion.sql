-- Retention of the audit and security logs (decision 0062). The logs stay append-only: UPDATE and
-- TRUNCATE are refused as before, and DELETE is refused unless the transaction-local setting
-- sofia.retention_delete is 'on'. Only sofia_retention_delete_log sets it: a SECURITY DEFINER
-- function owned by the owner role (the role that runs the migrations), which deletes one
-- municipality's rows older than the given instant and never a retention receipt (retention.run).
-- The application's role needs no DELETE privilege on the logs, only EXECUTE on this function.
DROP TRIGGER IF EXISTS audit_log_append_only ON audit_log;
--> statement-breakpoint
DROP TRIGGER IF EXISTS security_log_append_only ON security_log;
--> statement-breakpoint
CREATE TRIGGER audit_log_append_only BEFORE UPDATE ON audit_log
  FOR EACH ROW EXECUTE FUNCTION sofia_refuse_change();
--> statement-breakpoint
CREATE TRIGGER security_log_append_only BEFORE UPDATE ON security_log
  FOR EACH ROW EXECUTE FUNCTION sofia_refuse_change();
--> statement-breakpoint
CREATE OR REPLACE FUNCTION sofia_refuse_delete_unless_retention() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  IF current_setting('sofia.retention_delete', true) = 'on' THEN
    RETURN OLD;
  END IF;
  RAISE EXCEPTION 'table % is append-only', TG_TABLE_NAME USING ERRCODE = 'insufficient_privilege';
END;
$$;
--> statement-breakpoint
CREATE TRIGGER audit_log_delete_only_by_retention BEFORE DELETE ON audit_log
  FOR EACH ROW EXECUTE FUNCTION sofia_refuse_delete_unless_retention();
--> statement-breakpoint
CREATE TRIGGER security_log_delete_only_by_retention BEFORE DELETE ON security_log
  FOR EACH ROW EXECUTE FUNCTION sofia_refuse_delete_unless_retention();
--> statement-breakpoint
CREATE OR REPLACE FUNCTION sofia_retention_delete_log(p_log text, p_municipality uuid, p_before timestamptz) RETURNS integer
LANGUAGE plpgsql SECURITY DEFINER SET search_path = public, pg_temp AS $$
DECLARE
  deleted integer;
BEGIN
  IF p_before IS NULL OR p_municipality IS NULL THEN
    RAISE EXCEPTION 'retention needs a municipality and an instant';
  END IF;
  PERFORM set_config('sofia.retention_delete', 'on', true);
  IF p_log = 'audit_log' THEN
    DELETE FROM audit_log
      WHERE at < p_before AND action <> 'retention.run'
        AND actor_user_id IN (SELECT id FROM users WHERE municipality_id = p_municipality);
  ELSIF p_log = 'security_log' THEN
    DELETE FROM security_log
      WHERE at < p_before AND user_id IN (SELECT id FROM users WHERE municipality_id = p_municipality);
  ELSE
    PERFORM set_config('sofia.retention_delete', 'off', true);
    RAISE EXCEPTION 'not a log: %', p_log;
  END IF;
  GET DIAGNOSTICS deleted = ROW_COUNT;
  PERFORM set_config('sofia.retention_delete', 'off', true);
  RETURN deleted;
END;
$$;
