CREATE SCHEMA "derived";
--> statement-breakpoint
CREATE TABLE "derived"."indicator_child_facts" (
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
CREATE TABLE "derived"."indicator_family_facts" (
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
CREATE TABLE "derived"."indicator_meeting_facts" (
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
CREATE TABLE "derived"."indicator_stale_requests" (
	"request_id" uuid PRIMARY KEY NOT NULL,
	"marked_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "derived"."indicator_stop_facts" (
	"municipality_id" uuid NOT NULL,
	"request_id" uuid NOT NULL,
	"stop" text,
	"scope" text,
	"process_status" text,
	"due_on" date,
	"held_on" date,
	"days_late" integer
);
--> statement-breakpoint
CREATE INDEX "indicator_child_facts_municipality_idx" ON "derived"."indicator_child_facts" USING btree ("municipality_id");--> statement-breakpoint
CREATE INDEX "indicator_child_facts_request_idx" ON "derived"."indicator_child_facts" USING btree ("request_id");--> statement-breakpoint
CREATE INDEX "indicator_family_facts_municipality_idx" ON "derived"."indicator_family_facts" USING btree ("municipality_id");--> statement-breakpoint
CREATE INDEX "indicator_family_facts_request_idx" ON "derived"."indicator_family_facts" USING btree ("request_id");--> statement-breakpoint
CREATE INDEX "indicator_meeting_facts_municipality_idx" ON "derived"."indicator_meeting_facts" USING btree ("municipality_id");--> statement-breakpoint
CREATE INDEX "indicator_meeting_facts_request_idx" ON "derived"."indicator_meeting_facts" USING btree ("request_id");--> statement-breakpoint
CREATE INDEX "indicator_stop_facts_municipality_idx" ON "derived"."indicator_stop_facts" USING btree ("municipality_id");--> statement-breakpoint
CREATE INDEX "indicator_stop_facts_request_idx" ON "derived"."indicator_stop_facts" USING btree ("request_id");--> statement-breakpoint
-- Marks the requests whose indicator rows a statement changed as stale (decision 0068): one
-- function per way a table leads to its request (its own id, a request_id, a process_id through
-- processes, a meeting_id through meetings and processes), one trigger per event at the end of the
-- statement, with the changed rows as transition tables, so that a load of many rows marks its
-- requests in one statement. The SQL is static (made here by format), so its plan is kept. ON
-- CONFLICT DO UPDATE ... WHERE false writes nothing for a request already stale but locks its
-- mark: a refresh leaves a request whose writer's transaction is unfinished.
DO $$
DECLARE
  f record;
  mark constant text := 'INSERT INTO derived.indicator_stale_requests (request_id) SELECT DISTINCT r FROM (%s) x(r) WHERE r IS NOT NULL
      ON CONFLICT (request_id) DO UPDATE SET marked_at = excluded.marked_at WHERE false;';
BEGIN
  FOR f IN SELECT * FROM (VALUES
    ('request', 'id', 'select k from (%s) c(k)'),
    ('request_id', 'request_id', 'select k from (%s) c(k)'),
    ('process', 'process_id', 'select p.request_id from processes p where p.id in (%s)'),
    ('meeting', 'meeting_id', 'select p.request_id from meetings mt join processes p on p.id = mt.process_id where mt.id in (%s)')
  ) AS v(name, col, reach) LOOP
    EXECUTE format($t$CREATE FUNCTION %I() RETURNS trigger LANGUAGE plpgsql AS $f$
BEGIN
  IF TG_OP = 'INSERT' THEN
    %s
  ELSIF TG_OP = 'UPDATE' THEN
    %s
  ELSE
    %s
  END IF;
  RETURN NULL;
END $f$ $t$, 'indicator_mark_stale_by_' || f.name,
      format(mark, format(f.reach, format('select %I from new_rows', f.col))),
      format(mark, format(f.reach, format('select %1$I from new_rows union all select %1$I from old_rows', f.col))),
      format(mark, format(f.reach, format('select %I from old_rows', f.col))));
  END LOOP;
END $$;
--> statement-breakpoint
DO $$
DECLARE
  t record;
BEGIN
  FOR t IN SELECT * FROM (VALUES
    ('requests', 'request'),
    ('request_persons', 'request_id'),
    ('processes', 'request_id'),
    ('process_assignments', 'process'),
    ('process_interruptions', 'process'),
    ('support_measures', 'process'),
    ('meetings', 'process'),
    ('child_impact_analyses', 'process'),
    ('consultations', 'process'),
    ('meeting_participants', 'meeting'),
    ('survey_responses', 'meeting')
  ) AS v(tab, via) LOOP
    EXECUTE format('CREATE TRIGGER %I AFTER INSERT ON %I REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION %I()',
      t.tab || '_indicator_stale_insert', t.tab, 'indicator_mark_stale_by_' || t.via);
    EXECUTE format('CREATE TRIGGER %I AFTER UPDATE ON %I REFERENCING NEW TABLE AS new_rows OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION %I()',
      t.tab || '_indicator_stale_update', t.tab, 'indicator_mark_stale_by_' || t.via);
    EXECUTE format('CREATE TRIGGER %I AFTER DELETE ON %I REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION %I()',
      t.tab || '_indicator_stale_delete', t.tab, 'indicator_mark_stale_by_' || t.via);
  END LOOP;
END $$;
--> statement-breakpoint
-- A deleted request's kept rows go in the same transaction (an erased family leaves nothing behind).
CREATE FUNCTION indicator_forget_requests() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  DELETE FROM derived.indicator_family_facts WHERE request_id IN (SELECT id FROM old_rows);
  DELETE FROM derived.indicator_child_facts WHERE request_id IN (SELECT id FROM old_rows);
  DELETE FROM derived.indicator_meeting_facts WHERE request_id IN (SELECT id FROM old_rows);
  DELETE FROM derived.indicator_stop_facts WHERE request_id IN (SELECT id FROM old_rows);
  RETURN NULL;
END $$;
--> statement-breakpoint
CREATE TRIGGER requests_indicator_forget AFTER DELETE ON requests REFERENCING OLD TABLE AS old_rows
  FOR EACH STATEMENT EXECUTE FUNCTION indicator_forget_requests();
--> statement-breakpoint
-- Every request's rows are made at the first evaluation after this migration.
INSERT INTO derived.indicator_stale_requests (request_id) SELECT id FROM requests;
