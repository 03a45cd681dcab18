-- A published survey-instrument version is the exact wording respondents were shown and their
-- answers are read against: it can never be edited or removed. Only its status may move on
-- (published -> retired); a draft is free to change.
CREATE OR REPLACE FUNCTION sofia_survey_instrument_version_guard() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'DELETE' THEN
    IF OLD.status <> 'draft' THEN
      RAISE EXCEPTION 'survey instrument version % is published and cannot be removed', OLD.id USING ERRCODE = 'insufficient_privilege';
    END IF;
    RETURN OLD;
  END IF;
  IF OLD.status <> 'draft' AND (
       NEW.content IS DISTINCT FROM OLD.content
    OR NEW.number IS DISTINCT FROM OLD.number
    OR NEW.instrument_id IS DISTINCT FROM OLD.instrument_id
    OR NEW.published_at IS DISTINCT FROM OLD.published_at
    OR NEW.published_by IS DISTINCT FROM OLD.published_by
    OR NEW.status = 'draft'
    OR (OLD.status = 'retired' AND NEW.status <> 'retired')
  ) THEN
    RAISE EXCEPTION 'survey instrument version % is published and cannot be changed', OLD.id USING ERRCODE = 'insufficient_privilege';
  END IF;
  RETURN NEW;
END;
$$;
--> statement-breakpoint
CREATE TRIGGER survey_instrument_versions_immutable BEFORE UPDATE OR DELETE ON survey_instrument_versions
  FOR EACH ROW EXECUTE FUNCTION sofia_survey_instrument_version_guard();
