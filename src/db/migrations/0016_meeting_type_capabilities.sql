-- Meeting types name their capabilities (decision 0034): `requiresSafetyPlan` (holding it needs the
-- relapse and safety plan) and `decidesStart` (the planning meeting the request is decided at,
-- recorded as held when the process starts, not a meeting with the family). Every stored version
-- gets them from the rules the code used to infer them by, so that nothing changes for a running
-- process: the meeting type marking "completed" requires the safety plan; the first meeting type
-- with neither the family nor the child alone decides the start. A field already present is kept.
--
-- Published and retired versions are immutable (0003): the guard trigger is switched off for this
-- one statement only, inside the migration's transaction, and switched on again before it ends.
ALTER TABLE "work_model_versions" DISABLE TRIGGER "work_model_versions_immutable";
--> statement-breakpoint
UPDATE "work_model_versions" v
SET "content" = jsonb_set(v."content", '{meetingTypes}', (
  SELECT coalesce(jsonb_agg(
           jsonb_build_object(
             'requiresSafetyPlan', coalesce(t ->> 'marksProgress' = 'completed', false),
             'decidesStart', (n = 1 AND jsonb_typeof(t -> 'participants') = 'array'
               AND jsonb_array_length(t -> 'participants') > 0
               AND NOT (t -> 'participants') ?| array['family', 'child_alone'])
           ) || t
           ORDER BY n), '[]'::jsonb)
  FROM jsonb_array_elements(v."content" -> 'meetingTypes') WITH ORDINALITY AS e(t, n)
))
WHERE jsonb_typeof(v."content" -> 'meetingTypes') = 'array';
--> statement-breakpoint
ALTER TABLE "work_model_versions" ENABLE TRIGGER "work_model_versions_immutable";
