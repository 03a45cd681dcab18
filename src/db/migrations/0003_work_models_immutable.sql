-- A published work-model version is what running processes were started with: it can never be
-- edited or removed. Only its status may move on (published -> retired); a draft is free to change.
CREATE OR REPLACE FUNCTION sofia_work_model_version_guard() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'DELETE' THEN
    IF OLD.status <> 'draft' THEN
      RAISE EXCEPTION 'work model version % is published and cannot be removed', OLD.id USING ERRCODE = 'insufficient_privilege';
    END IF;
    RETURN OLD;
  END IF;
  IF OLD.status <> 'draft' AND (
       NEW.content IS DISTINCT FROM OLD.content
    OR NEW.number IS DISTINCT FROM OLD.number
    OR NEW.work_model_id IS DISTINCT FROM OLD.work_model_id
    OR NEW.published_at IS DISTINCT FROM OLD.published_at
    OR NEW.published_by IS DISTINCT FROM OLD.published_by
    OR NEW.status = 'draft'
    OR (OLD.status = 'retired' AND NEW.status <> 'retired')
  ) THEN
    RAISE EXCEPTION 'work model version % is published and cannot be changed', OLD.id USING ERRCODE = 'insufficient_privilege';
  END IF;
  RETURN NEW;
END;
$$;
--> statement-breakpoint
CREATE TRIGGER work_model_versions_immutable BEFORE UPDATE OR DELETE ON work_model_versions
  FOR EACH ROW EXECUTE FUNCTION sofia_work_model_version_guard();
