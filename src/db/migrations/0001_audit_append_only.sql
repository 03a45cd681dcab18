-- The audit log and the security log are append-only. The application cannot change or remove
-- a row, whatever its database role: these triggers refuse UPDATE, DELETE and TRUNCATE.
CREATE OR REPLACE FUNCTION sofia_refuse_change() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'table % is append-only', TG_TABLE_NAME USING ERRCODE = 'insufficient_privilege';
END;
$$;
--> statement-breakpoint
CREATE TRIGGER audit_log_append_only BEFORE UPDATE OR DELETE ON audit_log
  FOR EACH ROW EXECUTE FUNCTION sofia_refuse_change();
--> statement-breakpoint
CREATE TRIGGER audit_log_no_truncate BEFORE TRUNCATE ON audit_log
  FOR EACH STATEMENT EXECUTE FUNCTION sofia_refuse_change();
--> statement-breakpoint
CREATE TRIGGER security_log_append_only BEFORE UPDATE OR DELETE ON security_log
  FOR EACH ROW EXECUTE FUNCTION sofia_refuse_change();
--> statement-breakpoint
CREATE TRIGGER security_log_no_truncate BEFORE TRUNCATE ON security_log
  FOR EACH STATEMENT EXECUTE FUNCTION sofia_refuse_change();
--> statement-breakpoint
REVOKE UPDATE, DELETE, TRUNCATE ON audit_log, security_log FROM PUBLIC;
