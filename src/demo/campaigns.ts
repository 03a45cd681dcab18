/**
 * The demo's annual survey campaigns (surveys.campaigns): the staff and the parent survey for each
 * year of the demo families' period (the year before today's and this year), with answers typed
 * in from paper forms by the process leader, so that year against year and the report show two
 * filled years. A campaign of this year ends today at the latest. Answers are a little better the
 * second year (the work with the Sofia model taking hold). Deterministic: its own random stream.
 */
import { and, eq } from "drizzle-orm";
import {
  surveyAnswers,
  surveyCampaigns,
  surveyCampaignUnits,
  surveyInstruments,
  surveyInstrumentVersions,
  surveyResponses,
  users,
} from "../db/schema/index.ts";
import type { DbOrTx } from "../platform/database.ts";
import { contentSchema } from "../surveys/index.ts";
import { idMaker, mix32, mulberry32, Random } from "./families.ts";

const DEMO_CAMPAIGN_SEED = 20_261_206;

/** Respondents per year: staff of the chosen units, parents of the focus families. */
export const DEMO_CAMPAIGN_RESPONDENTS = { staff: [26, 31], parent: [18, 22] } as const;

type Weights = ReadonlyArray<readonly [number | null, number]>;
/** The first year and the second: answers on the 1–4 scale and "don't know" (null). */
const firstYear: Weights = [
  [4, 26],
  [3, 38],
  [2, 22],
  [1, 8],
  [null, 6],
];
const secondYear: Weights = [
  [4, 36],
  [3, 38],
  [2, 16],
  [1, 5],
  [null, 5],
];

/** The two years and each campaign's period: March, this year's cut at today. */
export function demoCampaignPeriods(today: string): Array<{ year: number; opensOn: string; closesOn: string }> {
  const thisYear = Number(today.slice(0, 4));
  const clip = (d: string) => (d > today ? today : d);
  return [thisYear - 1, thisYear].map((year) => ({
    year,
    opensOn: clip(`${year}-03-01`),
    closesOn: clip(`${year}-03-31`),
  }));
}

export async function seedDemoCampaigns(db: DbOrTx, municipalityId: string, unitIds: string[], today: string): Promise<void> {
  const [leader] = await db
    .select({ id: users.id })
    .from(users)
    .where(and(eq(users.municipalityId, municipalityId), eq(users.username, "processledare")));
  if (!leader) throw new Error("demo user processledare is missing");
  const instruments = [
    { key: "arlig-medarbetarenkat", name: "Medarbetarenkät", role: "staff" as const, counts: DEMO_CAMPAIGN_RESPONDENTS.staff },
    { key: "arlig-foraldraenkat", name: "Föräldraenkät", role: "parent" as const, counts: DEMO_CAMPAIGN_RESPONDENTS.parent },
  ];
  let index = 0;
  for (const instrument of instruments) {
    const [version] = await db
      .select({ instrumentId: surveyInstruments.id, versionId: surveyInstrumentVersions.id, content: surveyInstrumentVersions.content })
      .from(surveyInstrumentVersions)
      .innerJoin(surveyInstruments, eq(surveyInstruments.id, surveyInstrumentVersions.instrumentId))
      .where(
        and(
          eq(surveyInstruments.municipalityId, municipalityId),
          eq(surveyInstruments.key, instrument.key),
          eq(surveyInstrumentVersions.status, "published"),
        ),
      );
    if (!version) throw new Error(`demo instrument ${instrument.key} is not published`);
    const content = contentSchema.parse(version.content);
    for (const [y, period] of demoCampaignPeriods(today).entries()) {
      const r = new Random(mulberry32(mix32(DEMO_CAMPAIGN_SEED ^ mix32(index + 0xca4))));
      const id = idMaker(DEMO_CAMPAIGN_SEED, index++);
      const [campaign] = await db
        .insert(surveyCampaigns)
        .values({
          municipalityId,
          instrumentId: version.instrumentId,
          instrumentVersionId: version.versionId,
          name: `${instrument.name} ${period.year}`,
          year: period.year,
          opensOn: period.opensOn,
          closesOn: period.closesOn,
          createdBy: leader.id,
          createdAt: new Date(`${period.opensOn}T08:00:00Z`),
        })
        .returning({ id: surveyCampaigns.id });
      if (!campaign) throw new Error("could not create a demo campaign");
      await db.insert(surveyCampaignUnits).values(unitIds.map((unitId) => ({ campaignId: campaign.id, unitId })));
      const weights = y === 0 ? firstYear : secondYear;
      const n = instrument.counts[y] ?? 0;
      const responses: Array<typeof surveyResponses.$inferInsert> = [];
      const answers: Array<typeof surveyAnswers.$inferInsert> = [];
      for (let i = 0; i < n; i++) {
        const responseId = id();
        responses.push({
          id: responseId,
          municipalityId,
          instrumentVersionId: version.versionId,
          meetingId: null,
          processId: null,
          respondentRole: instrument.role,
          ageBand: null,
          mode: "paper",
          submissionKey: id(),
          complete: true,
          submittedAt: new Date(`${period.closesOn}T14:00:00Z`),
          periodOn: period.closesOn,
          recordedBy: leader.id,
          campaignId: campaign.id,
        });
        for (const item of content.items) {
          if (r.chance(0.03)) continue; // left blank on the paper
          const value = r.weighted(weights);
          answers.push({ responseId, itemKey: item.key, value, dontKnow: value === null });
        }
      }
      if (responses.length > 0) await db.insert(surveyResponses).values(responses);
      if (answers.length > 0) await db.insert(surveyAnswers).values(answers);
    }
  }
}
