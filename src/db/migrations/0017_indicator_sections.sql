-- An indicator definition names the section of the follow-up it is shown in (decision 0034): what
-- followup/service.ts used to look up by the indicator's key. Every stored version gets the section
-- it was shown in: the seeded keys' sections, the answer distributions (keys beginning with
-- fordelning-) under the answers, any other indicator under "other". A section already present is kept.
--
-- Published and retired versions are immutable (0014): the guard trigger is switched off for this
-- one statement only, inside the migration's transaction, and switched on again before it ends.
ALTER TABLE "indicator_versions" DISABLE TRIGGER "indicator_versions_immutable";
--> statement-breakpoint
UPDATE "indicator_versions" v
SET "content" = v."content" || jsonb_build_object('section', coalesce(
  (SELECT s.section FROM (VALUES
  ('tratt-sofiamote', 'funnel'),
  ('tratt-paborjade', 'funnel'),
  ('tratt-halvvags', 'funnel'),
  ('tratt-genomforda', 'funnel'),
  ('mal-genomforda', 'goals'),
  ('mal-fortsatt-stod', 'goals'),
  ('moten-per-typ', 'meetings'),
  ('barnsamtal-hallna', 'meetings'),
  ('barnsamtal-nekat-samtycke', 'meetings'),
  ('avbrutna-per-fas', 'waits'),
  ('avbrott-per-vantetid', 'waits'),
  ('stod-genomforda', 'support'),
  ('stod-ovriga', 'support'),
  ('mal-strategier-verktyg', 'goals'),
  ('mal-sedda-horda', 'goals'),
  ('hallplatser-i-tid', 'meetings'),
  ('gemensam-barnkonsekvensanalys', 'meetings'),
  ('vantetid-forfragan-tilldelning-median', 'waits'),
  ('vantetid-forfragan-tilldelning-p90', 'waits'),
  ('vantetid-tilldelning-forsta-mote-median', 'waits'),
  ('vantetid-tilldelning-forsta-mote-p90', 'waits'),
  ('vantetid-forfragan-forsta-mote-median', 'waits'),
  ('vantetid-forfragan-forsta-mote-p90', 'waits'),
  ('svarsfrekvens', 'answers'),
  ('medelvarde-foraldrar', 'answers'),
  ('medelvarde-barn', 'answers'),
  ('handlaggare-deltagit', 'staff'),
  ('familjer-per-handlaggare-mean', 'staff'),
  ('familjer-per-handlaggare-min', 'staff'),
  ('familjer-per-handlaggare-max', 'staff'),
  ('perspektiv-foralder-med-problem', 'perspective'),
  ('perspektiv-positiv-till-stod', 'perspective'),
  ('perspektiv-vardnad', 'perspective'),
  ('perspektiv-hushall', 'perspective'),
  ('perspektiv-arendetyp', 'perspective'),
  ('perspektiv-barn-alder', 'perspective'),
  ('perspektiv-barn-kon', 'perspective')
  ) AS s(key, section) WHERE s.key = i."key"),
  CASE WHEN i."key" LIKE 'fordelning-%' THEN 'answers' ELSE 'other' END))
FROM "indicators" i
WHERE i."id" = v."indicator_id" AND NOT (v."content" ? 'section');
--> statement-breakpoint
ALTER TABLE "indicator_versions" ENABLE TRIGGER "indicator_versions_immutable";
