/**
 * The placement indicators in the interim report (issue 18, decision 0065), hand-counted: the
 * figures stored with the version (the API), the PDF, the Word file and the preview show the same
 * rows. Placements, forums and reviews are inserted directly into the schema's tables, six years
 * before the test clock's today (no demo data then), each dated from 1 April of that year (day 0).
 * The municipality's minimum group size is set to 2 here so that the groups of four are shown.
 *
 *          kind     end (days)  home?   forum (held)   → reviewed (limit 30) / jourhem ended (limit 60)
 * Sofia A  jourhem   40         home    19             in time / in time
 * Sofia B  jourhem   70         home    19             in time / late
 * Sofia C  jourhem   90         other   45             late    / late
 * Sofia D  jourhem   40         other   –              no      / in time
 * Other E  jourhem   30         home    19             in time / in time
 * Other F  jourhem   90         home    19             in time / late
 * Other G  jourhem  120         other   45             late    / late
 * Other H  jourhem   60         other   –              no      / in time (the last day)
 *
 * Sofia families: reviewed 2 of 4, days placed 40, 40, 70, 90 (median 55, 90th percentile 70 + 0.7 × 20 = 84),
 * jourhem in time 2 of 4, home 2 of 4. The others: reviewed 2 of 4, days 30, 60, 90, 120 (median 75,
 * 90th percentile 90 + 0.7 × 30 = 111), jourhem in time 2 of 4, home 2 of 4. Nothing the year before.
 */
import { eq } from "drizzle-orm";
import JSZip from "jszip";
import { extractText, getDocumentProxy } from "unpdf";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { unitId, userId } from "../../test/fixtures.ts";
import { apiCall, apiToken, type Browser, createTestApp, get, login, postForm, type TestApp, testClock } from "../../test/helpers.ts";
import * as s from "../db/schema/index.ts";
import { addDays } from "../platform/dates.ts";
import type { IndicatorLine } from "./document.ts";
import type { VersionContent } from "./service.ts";

let t: TestApp;
let leader: Browser;
let token = "";
const db = () => t.database.db;
const year = Number(testClock().today().slice(0, 4)) - 6;
const day0 = `${year}-04-01`;
const at = (days: number) => addDays(day0, days);
const squash = (x: string) => x.replace(/\s+/g, " ");

async function pdfText(pdf: Buffer): Promise<string> {
  const { text } = await extractText(await getDocumentProxy(new Uint8Array(pdf)), { mergePages: true });
  return squash(text);
}

async function docxText(docx: Buffer): Promise<string> {
  const zip = await JSZip.loadAsync(docx);
  const xml = (await zip.file("word/document.xml")?.async("string")) ?? "";
  return squash(
    xml
      .replace(/<w:p[ >]/g, " $&")
      .replace(/<[^>]+>/g, "")
      .replace(/&amp;/g, "&"),
  );
}

async function one<T>(rows: Promise<T[]>): Promise<T> {
  const [row] = await rows;
  if (!row) throw new Error("nothing inserted");
  return row;
}

let content: VersionContent;
let pdf = "";
let word = "";
let preview = "";

beforeAll(async () => {
  t = await createTestApp();
  leader = await login(t.app, "processledare");
  token = await apiToken(t, "processledare", ["reports.view", "reports.manage"]);
  const [m] = await db().select({ id: s.municipalities.id }).from(s.municipalities);
  const municipalityId = m?.id ?? "";
  await db().update(s.municipalities).set({ minGroupSize: 2 }).where(eq(s.municipalities.id, municipalityId));
  const admin = await userId(t, "admin");
  const unit = await unitId(t, "Barn och unga Norr");
  // Four children of the demo's families (Sofia families): their names are read from the request.
  const children = await db().select({ id: s.requestPersons.id }).from(s.requestPersons).where(eq(s.requestPersons.kind, "child")).limit(4);
  expect(children).toHaveLength(4);
  const forums = new Map<number, string>();
  const forum = async (day: number) => {
    const found = forums.get(day);
    if (found) return found;
    const id = (
      await one(
        db()
          .insert(s.placementForums)
          .values({ municipalityId, unitId: unit, forumDate: at(day), convenedBy: admin, heldAt: new Date(`${at(day)}T12:00:00Z`) })
          .returning({ id: s.placementForums.id }),
      )
    ).id;
    forums.set(day, id);
    return id;
  };
  const placed = async (sofia: string | null, name: string, end: number, home: boolean, forumDay: number | null) => {
    const child = (
      await one(
        db()
          .insert(s.placedChildren)
          .values(
            sofia
              ? { municipalityId, unitId: unit, requestPersonId: sofia, createdBy: admin }
              : { municipalityId, unitId: unit, name, birthDate: `${year - 10}-06-01`, createdBy: admin },
          )
          .returning({ id: s.placedChildren.id }),
      )
    ).id;
    const placement = (
      await one(
        db()
          .insert(s.placements)
          .values({
            placedChildId: child,
            kind: "emergency_foster_home",
            legalBasis: "sol",
            startDate: day0,
            endDate: at(end),
            endDestination: home ? "home" : "other_placement",
            createdBy: admin,
          })
          .returning({ id: s.placements.id }),
      )
    ).id;
    if (forumDay !== null)
      await db()
        .insert(s.placementForumReviews)
        .values({
          forumId: await forum(forumDay),
          placedChildId: child,
          placementId: placement,
          decision: "Plan för hemflytt",
          createdBy: admin,
        });
  };
  const [a, b, c, d] = children.map((x) => x.id);
  await placed(a ?? null, "", 40, true, 19);
  await placed(b ?? null, "", 70, true, 19);
  await placed(c ?? null, "", 90, false, 45);
  await placed(d ?? null, "", 40, false, null);
  await placed(null, "Barn E", 30, true, 19);
  await placed(null, "Barn F", 90, true, 19);
  await placed(null, "Barn G", 120, false, 45);
  await placed(null, "Barn H", 60, false, null);

  const created = await postForm(t.app, leader, "/rapporter/ny", {
    title: "Placeringar",
    periodFrom: `${year}-01-01`,
    periodTo: `${year}-12-31`,
  });
  expect(created.statusCode, created.body.slice(0, 800)).toBe(303);
  const id = /\/rapporter\/([0-9a-f-]{36})\?/.exec(created.headers.location as string)?.[1] ?? "";
  preview = squash((await get(t.app, leader, `/rapporter/${id}/forhandsgranskning`)).body);
  expect((await postForm(t.app, leader, `/rapporter/${id}/versioner`, {})).statusCode).toBe(303);
  const res = await apiCall(t.app, "GET", `/api/v1/reports/${id}/versions/1`, token);
  expect(res.statusCode).toBe(200);
  content = res.json();
  pdf = await pdfText((await get(t.app, leader, `/rapporter/${id}/versioner/1.pdf`)).rawPayload);
  word = await docxText((await get(t.app, leader, `/rapporter/${id}/versioner/1.docx`)).rawPayload);
});
afterAll(() => t.close());

describe("the placement indicators in the interim report", () => {
  const line = (key: string, group: string) =>
    content.figures.indicators.lines.find((l: IndicatorLine) => l.key === key && l.group === group);

  it("stores the hand-counted figures with the version, and the limits they were counted against", () => {
    expect(content.figures.indicators.placementLimits).toEqual({ reviewDays: 30, emergencyDays: 60 });
    const share = (key: string, group: string) => {
      const l = line(key, group);
      return [l?.current.numerator, l?.current.denominator, l?.current.percent];
    };
    for (const group of ["sofia_family", "other_family"]) {
      expect(share("placering-forum-inom-gransen", group), group).toEqual([2, 4, 50]);
      expect(share("placering-jourhem-inom-gransen", group), group).toEqual([2, 4, 50]);
      expect(share("placering-hemflytt", group), group).toEqual([2, 4, 50]);
    }
    expect(line("placering-dagar-median", "sofia_family")?.current).toMatchObject({ denominator: 4, value: 55 });
    expect(line("placering-dagar-median", "other_family")?.current).toMatchObject({ denominator: 4, value: 75 });
    expect(line("placering-dagar-p90", "sofia_family")?.current.value).toBeCloseTo(84, 10);
    expect(line("placering-dagar-p90", "other_family")?.current.value).toBeCloseTo(111, 10);
    // Nothing the same period the year before.
    expect(line("placering-hemflytt", "sofia_family")?.previous).toBeNull();
  });

  it("shows the same rows in the PDF, the Word file and the preview, under the results", () => {
    const rows = [
      "Placeringar: Sofiafamiljer mot övriga, perioden mot samma period förra året",
      "Placerade barn som tagits upp på placeringsforum inom gränsen",
      "Sofiafamiljer 50 % (2 av 4)",
      "övriga placerade barn 50 % (2 av 4)",
      "Dagar placerad, median, avslutade placeringar",
      "Sofiafamiljer 55,00 (n = 4)",
      "övriga placerade barn 75,00 (n = 4)",
      "Dagar placerad, 90:e percentilen, avslutade placeringar",
      "Sofiafamiljer 84,00 (n = 4)",
      "övriga placerade barn 111,00 (n = 4)",
      "Placeringar i jourhem som avslutats inom gränsen",
      "Avslutade placeringar där barnet flyttade hem",
      "inom 30 dagar från placeringens start",
      "avslutas inom 60 dagar",
    ];
    for (const r of rows) {
      expect(pdf, r).toContain(r);
      expect(word, r).toContain(r);
    }
    // The preview page is an HTML table: its cells in order.
    for (const r of ["Sofiafamiljer", "50 % (2 av 4)", "55,00 (n = 4)", "111,00 (n = 4)", "inom 30 dagar från placeringens start"])
      expect(preview, r).toContain(r);
  });
});
