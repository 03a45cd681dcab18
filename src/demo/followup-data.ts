/**
 * The demo's data for the follow-up (src/followup/): the caseworkers every unit of a municipality
 * has, families of the last two years on family-oriented process support with their consultation
 * stops, and the families' survey answers after held meetings. Everything here has random streams
 * of its own, so that the demo's other families and figures stay as they were.
 *
 * Pure and deterministic: the same rows and seed give the same responses.
 */
import type { surveyAnswers, surveyResponses } from "../db/schema/index.ts";
import { ageBand, ageOn, type IsoDate } from "../families/index.ts";
import type { Content as InstrumentContent } from "../surveys/index.ts";
import type { Content } from "../workmodels/index.ts";
import { type FamilyRows, idMaker, mix32, mulberry32, Random } from "./families.ts";

// ---------------------------------------------------------------------------------------------
// Staff

export interface DemoStaffMember {
  username: string;
  displayName: string;
  unitKey: string;
}

const inUnit = (unitKey: string, people: Array<[displayName: string, username: string]>): DemoStaffMember[] =>
  people.map(([displayName, username]) => ({ displayName, username, unitKey }));

/**
 * The units' other caseworkers (made-up names), so that each unit has five to eight, as in a
 * municipality: the demo logins' units get one caseworker fewer here. They have no password.
 * The intake unit's caseworkers register requests; the others are child and adult caseworkers.
 */
export const demoCaseworkers: readonly DemoStaffMember[] = [
  ...inUnit("barn-norr", [
    ["Britt Berglund", "britt.berglund"],
    ["Dennis Dahl", "dennis.dahl"],
    ["Filippa Falk", "filippa.falk"],
    ["Gustav Holm", "gustav.holm"],
    ["Hedda Ekström", "hedda.ekstrom"],
    ["Jonatan Krantz", "jonatan.krantz"],
  ]),
  ...inUnit("barn-syd", [
    ["Cecilia Strand", "cecilia.strand"],
    ["Emir Hadžić", "emir.hadzic"],
    ["Greta Nyberg", "greta.nyberg"],
    ["Ivar Lundh", "ivar.lundh"],
    ["Kristin Moberg", "kristin.moberg"],
  ]),
  ...inUnit("barn-ost", [
    ["Daniela Rask", "daniela.rask"],
    ["Fredrik Wiik", "fredrik.wiik"],
    ["Helena Sund", "helena.sund"],
    ["Joakim Brandt", "joakim.brandt"],
    ["Louise Tell", "louise.tell"],
  ]),
  ...inUnit("barn-vast", [
    ["Elin Hammar", "elin.hammar"],
    ["Hampus Ring", "hampus.ring"],
    ["Idun Sjölund", "idun.sjolund"],
    ["Marko Petrović", "marko.petrovic"],
    ["Nathalie Borg", "nathalie.borg"],
  ]),
  ...inUnit("beroende-1", [
    ["Birgitta Nord", "birgitta.nord"],
    ["Carl Vik", "carl.vik"],
    ["Erika Lund", "erika.lund"],
    ["Henrik Sällström", "henrik.sallstrom"],
    ["Layla Karimi", "layla.karimi"],
    ["Mikael Ödman", "mikael.odman"],
  ]),
  ...inUnit("beroende-2", [
    ["Camilla Frost", "camilla.frost"],
    ["Göran Lilja", "goran.lilja"],
    ["Josefin Ekberg", "josefin.ekberg"],
    ["Patrik Rosén", "patrik.rosen"],
    ["Susanne Blom", "susanne.blom"],
  ]),
  ...inUnit("mottagning", [
    ["Diana Roos", "diana.roos"],
    ["Kenneth Ahl", "kenneth.ahl"],
    ["Nina Sandell", "nina.sandell"],
    ["Tomas Brink", "tomas.brink"],
  ]),
];

/** A second process leader, for the families added here (the demo login keeps its own worklist). */
export const demoProcessLeader = { username: "lena.lindholm", displayName: "Lena Lindholm" } as const;

/**
 * Round robin over a pool, in the order families get a caseworker: with at least as many such
 * families as the pool has members, everyone gets one. Index i of `assigned` says whether family i
 * gets one at all; the result gives each family its member (those without one get the next anyway).
 */
export function roundRobin<T>(pool: readonly T[], assigned: readonly boolean[]): T[] {
  if (pool.length === 0) throw new RangeError("round robin over an empty pool");
  let next = 0;
  let spare = 0;
  return assigned.map((yes) => {
    const member = pool[(yes ? next++ : spare++) % pool.length] as T;
    return member;
  });
}

// ---------------------------------------------------------------------------------------------
// Survey responses after held meetings

export type ResponseRow = Required<typeof surveyResponses.$inferInsert>;
export type AnswerRow = Required<typeof surveyAnswers.$inferInsert>;

export interface SurveyOptions {
  seed: number;
  municipalityId: string;
  /** The work models' contents by version id: which meeting types have which surveys. */
  models: ReadonlyMap<string, Content>;
  /** The published version of each instrument by key. */
  instruments: ReadonlyMap<string, { versionId: string; content: InstrumentContent }>;
}

/** Answer weights on the 1–4 scale and "don't know" (null): mostly 3 and 4. */
type Weights = ReadonlyArray<readonly [number | null, number]>;
const usual: Weights = [
  [4, 44],
  [3, 34],
  [2, 11],
  [1, 4],
  [null, 7],
];
/** Talking about alcohol and drugs scores lowest, as in the reports. */
const harder: Weights = [
  [4, 30],
  [3, 38],
  [2, 18],
  [1, 6],
  [null, 8],
];
const children: Weights = [
  [4, 40],
  [3, 34],
  [2, 13],
  [1, 5],
  [null, 8],
];
const PAPER_SHARE = 0.35;
const AFTER_SERIES = "sofia-efter-serien-foralder";

/**
 * The family's answers after each held meeting whose meeting type the work model follows with a
 * survey: of the family members who attended, most answer (the meeting's rate varies, about 60–85 %
 * in all); parents answer the parents' instrument as a parent with or without the problem, children
 * of 6–12 the children's with their age band. After the last family meeting the parents also answer
 * the after-series questions on paper, as long as the meeting has no more responses than attendants.
 * Submitted on the meeting's day, by link or on paper (typed in by the meeting's recorder).
 */
export function generateSurveyResponses(rows: FamilyRows, o: SurveyOptions): { responses: ResponseRow[]; answers: AnswerRow[] } {
  const responses: ResponseRow[] = [];
  const answers: AnswerRow[] = [];
  const person = new Map(rows.requestPersons.map((p) => [p.id, p]));
  const process = new Map(rows.processes.map((p) => [p.id, p]));
  const attendedBy = new Map<string, string[]>();
  for (const pt of rows.meetingParticipants)
    if (pt.personId !== null && pt.attended === true) attendedBy.set(pt.meetingId, [...(attendedBy.get(pt.meetingId) ?? []), pt.personId]);

  rows.meetings.forEach((m, index) => {
    if (m.status !== "held" || m.heldOn === null) return;
    const p = process.get(m.processId);
    const surveys = p ? (o.models.get(p.workModelVersionId)?.meetingTypes.find((t) => t.key === m.meetingTypeKey)?.surveys ?? []) : [];
    if (surveys.length === 0) return;
    const attended = (attendedBy.get(m.id) ?? []).map((id) => person.get(id)).filter((x) => x !== undefined);
    if (attended.length === 0) return;
    const r = new Random(mulberry32(mix32(o.seed ^ mix32(index + 0x51f15e))));
    const id = idMaker(o.seed, index);
    const heldOn: IsoDate = m.heldOn;
    const rate = 0.65 + r.next() * 0.3;
    let count = 0;

    const respond = (
      key: string,
      role: ResponseRow["respondentRole"],
      band: string | null,
      paper: boolean,
      weights: (item: string) => Weights,
    ) => {
      const instrument = o.instruments.get(key);
      if (!instrument) return;
      const onPaper = paper && m.recordedBy !== null;
      const responseId = id();
      const hour = onPaper ? 15 : r.int(9, 18);
      responses.push({
        id: responseId,
        municipalityId: o.municipalityId,
        instrumentVersionId: instrument.versionId,
        meetingId: m.id,
        processId: m.processId,
        respondentRole: role,
        ageBand: band,
        mode: onPaper ? "paper" : "link",
        submissionKey: id(),
        complete: true,
        submittedAt: new Date(`${heldOn}T${String(hour).padStart(2, "0")}:${String(r.int(0, 59)).padStart(2, "0")}:00Z`),
        recordedBy: onPaper ? m.recordedBy : null,
        campaignId: null,
        periodOn: heldOn,
      });
      count++;
      for (const item of instrument.content.items) {
        if (r.chance(0.02)) continue; // left unanswered: no row
        const value = r.weighted(weights(item.key));
        answers.push({ responseId, itemKey: item.key, value, dontKnow: value === null });
      }
    };

    const parentKey = surveys.find((k) => o.instruments.get(k)?.content.audience === "parent" && k !== AFTER_SERIES);
    const childKey = surveys.find((k) => o.instruments.get(k)?.content.audience === "child");
    const answering: Array<{ role: ResponseRow["respondentRole"]; band: string | null; paper: boolean }> = [];
    for (const member of attended) {
      if (!r.chance(rate)) continue;
      const paper = r.chance(PAPER_SHARE);
      if (member.kind === "guardian") {
        if (!parentKey) continue;
        const role = member.substanceProblem === "yes" ? "parent_with_problem" : "parent_without_problem";
        respond(parentKey, role, null, paper, (item) => (item === "prata-om-alkohol-droger" ? harder : usual));
        answering.push({ role, band: null, paper });
      } else {
        const age = ageOn(member.birthDate, heldOn);
        if (!childKey || age < 6 || age > 12) continue;
        respond(childKey, "child", ageBand(age), paper, () => children);
      }
    }
    // The after-series questions, on paper with the meeting's survey: parents with the problem first.
    if (surveys.includes(AFTER_SERIES)) {
      const parents = [...answering].sort((a, b) => Number(b.role === "parent_with_problem") - Number(a.role === "parent_with_problem"));
      for (const parent of parents) {
        if (count >= attended.length) break;
        if (r.chance(0.9)) respond(AFTER_SERIES, parent.role, null, true, () => usual);
      }
    }
  });
  return { responses, answers };
}
