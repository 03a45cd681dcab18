CREATE TABLE "indicator_child_facts" (
	"municipality_id" uuid NOT NULL,
	"request_id" uuid NOT NULL,
	"request_date" date NOT NULL,
	"gender" text,
	"age" integer,
	"age_band" text,
	"phase" text,
	"process_status" text,
	"started_on" date,
	"completed_on" date,
	"child_meeting_held" boolean,
	"consent_refused" boolean,
	"impact_analysis" boolean,
	"joint_impact_analysis" boolean,
	"impact_analysis_on" date
);
--> statement-breakpoint
CREATE TABLE "indicator_family_facts" (
	"municipality_id" uuid NOT NULL,
	"request_id" uuid NOT NULL,
	"request_date" date NOT NULL,
	"sofia_meeting_date" date,
	"decision" text,
	"case_type" integer,
	"household" text,
	"custody" text,
	"process_status" text,
	"phase" text,
	"started_on" date,
	"halfway_on" date,
	"completed_on" date,
	"interrupted_in" text,
	"support_granted" boolean,
	"support_sought" boolean,
	"assigned_on" date,
	"first_meeting_on" date,
	"days_to_assignment" integer,
	"days_assignment_to_first_meeting" integer,
	"days_to_first_meeting" integer,
	"problem_parent" text,
	"problem_parent_attitude" text,
	"children" integer
);
--> statement-breakpoint
CREATE TABLE "indicator_meeting_facts" (
	"municipality_id" uuid NOT NULL,
	"request_id" uuid NOT NULL,
	"meeting_type" text,
	"status" text,
	"planned_date" date,
	"held_on" date,
	"child_meeting" boolean,
	"surveyed" boolean,
	"attended" integer,
	"responses" integer
);
--> statement-breakpoint
CREATE TABLE "indicator_stale_requests" (
	"request_id" uuid PRIMARY KEY NOT NULL,
	"marked_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE INDEX "indicator_child_facts_municipality_idx" ON "indicator_child_facts" USING btree ("municipality_id");--> statement-breakpoint
CREATE INDEX "indicator_child_facts_request_idx" ON "indicator_child_facts" USING btree ("request_id");--> statement-breakpoint
CREATE INDEX "indicator_family_facts_municipality_idx" ON "indicator_family_facts" USING btree ("municipality_id");--> statement-breakpoint
CREATE INDEX "indicator_family_facts_request_idx" ON "indicator_family_facts" USING btree ("request_id");--> statement-breakpoint
CREATE INDEX "indicator_meeting_facts_municipality_idx" ON "indicator_meeting_facts" USING btree ("municipality_id");--> statement-breakpoint
CREATE INDEX "indicator_meeting_facts_request_idx" ON "indicator_meeting_facts" USING btree ("request_id");--> statement-breakpoint
-- Marks the requests whose indicator rows a statement changed as stale (decision 0068). Arguments:
-- how the changed table leads to its request ('request': the key is a request's id; 'process' or
-- 'meeting': through processes, or meetings and processes) and the column holding that key. One
-- trigger per event, at the end of the statement, with the changed rows as transition tables: a
-- load of many rows marks its requests in one statement. The row lock that ON CONFLICT DO UPDATE
-- takes holds a refresh off the request until the writer's transaction ends.
CREATE FUNCTION indicator_mark_stale() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  via text := TG_ARGV[0];
  changed uuid[];
BEGIN
  EXECUTE CASE TG_OP
    WHEN 'INSERT' THEN format('select array_agg(distinct %I) from new_rows', TG_ARGV[1])
    WHEN 'DELETE' THEN format('select array_agg(distinct %I) from old_rows', TG_ARGV[1])
    ELSE format('select array_agg(distinct k) from (select %1$I as k from new_rows union all select %1$I from old_rows) x', TG_ARGV[1])
  END INTO changed;
  IF changed IS NULL THEN
    RETURN NULL;
  END IF;
  INSERT INTO indicator_stale_requests (request_id)
  SELECT DISTINCT x.request_id FROM (
    SELECT unnest(changed) AS request_id WHERE via = 'request'
    UNION ALL SELECT p.request_id FROM processes p WHERE via = 'process' AND p.id = ANY (changed)
    UNION ALL SELECT p.request_id FROM meetings mt JOIN processes p ON p.id = mt.process_id WHERE via = 'meeting' AND mt.id = ANY (changed)
  ) x WHERE x.request_id IS NOT NULL
  ON CONFLICT (request_id) DO UPDATE SET marked_at = now();
  RETURN NULL;
END $$;
--> statement-breakpoint
DO $$
DECLARE
  t record;
BEGIN
  FOR t IN SELECT * FROM (VALUES
    ('requests', 'request', 'id'),
    ('request_persons', 'request', 'request_id'),
    ('processes', 'request', 'request_id'),
    ('process_assignments', 'process', 'process_id'),
    ('process_interruptions', 'process', 'process_id'),
    ('support_measures', 'process', 'process_id'),
    ('meetings', 'process', 'process_id'),
    ('child_impact_analyses', 'process', 'process_id'),
    ('meeting_participants', 'meeting', 'meeting_id'),
    ('survey_responses', 'meeting', 'meeting_id')
  ) AS v(tab, via, col) LOOP
    EXECUTE format('CREATE TRIGGER %I AFTER INSERT ON %I REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION indicator_mark_stale(%L, %L)',
      t.tab || '_indicator_stale_insert', t.tab, t.via, t.col);
    EXECUTE format('CREATE TRIGGER %I AFTER UPDATE ON %I REFERENCING NEW TABLE AS new_rows OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION indicator_mark_stale(%L, %L)',
      t.tab || '_indicator_stale_update', t.tab, t.via, t.col);
    EXECUTE format('CREATE TRIGGER %I AFTER DELETE ON %I REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION indicator_mark_stale(%L, %L)',
      t.tab || '_indicator_stale_delete', t.tab, t.via, t.col);
  END LOOP;
END $$;
--> statement-breakpoint
-- Every request's rows are made at the first evaluation after this migration.
INSERT INTO indicator_stale_requests (request_id) SELECT id FROM requests;
