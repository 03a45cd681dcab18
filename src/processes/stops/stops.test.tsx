import { and, eq } from "drizzle-orm";
import { render } from "preact-render-to-string";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { apiCall, apiToken, createTestApp, get, login, personsNamed, postForm, type TestApp } from "../../../test/helpers.ts";
import { auditLog, childImpactAnalyses, consultations, processes, safetyRatings } from "../../db/schema/index.ts";
import { addDays } from "../../platform/dates.ts";
import { loadProcess } from "../access.ts";
import { loadStopsSection } from "./service.ts";
import { type Family, familyProcess, leaderActor, pageOk, REQUEST_DATE, swedishView, TODAY } from "./test-setup.ts";
import { StopsSection } from "./views.tsx";

let t: TestApp;
const db = () => t.database.db;

beforeAll(async () => {
  t = await createTestApp();
});
afterAll(() => t.close());

const consultationsOf = (processId: string) => db().select().from(consultations).where(eq(consultations.processId, processId));
const errorLinks = (html: string) => [...html.matchAll(/<a class="ds-link" href="#(f-[^"]+)">([^<]+)<\/a>/g)].map((m) => [m[1], m[2]]);

async function stopsOf(family: Family, username = "barnhandlaggare") {
  const token = await apiToken(t, username, ["processes.view"]);
  const res = await apiCall(t.app, "GET", `/api/v1/processes/${family.processId}/consultations`, token);
  expect(res.statusCode, res.body).toBe(200);
  return res.json() as {
    minimal: boolean;
    stops: Array<{
      key: string;
      child: { id: string } | null;
      dueOn: string | null;
      heldOn: string | null;
      state: string;
      late: boolean;
      daysLate: number;
    }>;
  };
}

describe("consultation stops: due dates and state", () => {
  it("gives each stop of Familjeorienterat processtöd its due date, per family or per child, and says what is overdue", async () => {
    const family = await familyProcess(t);
    const { stops } = await stopsOf(family);
    const find = (key: string, child: string | null = null) => stops.find((s) => s.key === key && (s.child?.id ?? null) === child);
    expect(stops).toHaveLength(6); // four family stops, the child impact analysis for each of two children, the follow-up
    expect(find("samrad-utredningsstart")).toMatchObject({ dueOn: addDays(REQUEST_DATE, 14), state: "overdue", daysLate: 16 });
    expect(find("barnkonsekvensanalys", family.childIds[0])).toMatchObject({ dueOn: addDays(REQUEST_DATE, 60), state: "due" });
    expect(find("barnkonsekvensanalys", family.childIds[1])).toMatchObject({ dueOn: addDays(REQUEST_DATE, 60), state: "due" });
    expect(find("samrad-uppfoljning")).toMatchObject({ dueOn: null, state: "not_yet" });
  });

  it("records a consultation through the page: held late, the phase moves, audited; a second record is refused", async () => {
    const family = await familyProcess(t);
    const bo = await login(t.app, "barnhandlaggare");
    const url = `/processer/${family.processId}/samrad/ny?hallplats=samrad-utredningsstart`;
    const form = await pageOk(t, bo, url);
    expect(form).toContain("Samråd vid utredningsstart");
    expect(form).toContain("Det här är inte journalen");
    expect(form).toContain('for="f-heldOn"');
    expect((form.match(/<h1[\s>]/g) ?? []).length).toBe(1);

    const heldOn = addDays(TODAY, -2);
    const res = await postForm(t.app, bo, url, { heldOn, checklist: ["0", "2"], note: "Gemensam plan gjord." });
    expect(res.statusCode, res.body.slice(0, 1500)).toBe(303);
    expect(res.headers.location).toBe(`/processer/${family.processId}?klart=samrad#hallplatser`);
    const rows = await consultationsOf(family.processId);
    expect(rows).toMatchObject([
      { stopKey: "samrad-utredningsstart", childId: null, heldOn, checklistDone: [0, 2], note: "Gemensam plan gjord." },
    ]);
    const [p] = await db().select().from(processes).where(eq(processes.id, family.processId));
    expect(p).toMatchObject({ phase: "started", startedOn: heldOn });
    const audits = await db()
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.action, "consultation.record"), eq(auditLog.recordId, rows[0]?.id ?? "")));
    expect(audits).toHaveLength(1);

    const { stops } = await stopsOf(family);
    expect(stops.find((s) => s.key === "samrad-utredningsstart")).toMatchObject({ state: "held", heldOn, late: true, daysLate: 14 });

    const again = await postForm(t.app, bo, url, { heldOn, note: "" });
    expect(again.statusCode).toBe(409);
    expect(again.body).toContain("Hållplatsen är redan registrerad som hållen");
    expect(await consultationsOf(family.processId)).toHaveLength(1);
    const shown = await pageOk(t, bo, url);
    expect(shown).toContain(`Hållplatsen är redan registrerad som hållen den ${heldOn}.`);
    expect(shown).not.toContain('name="heldOn"');
  });

  it("refuses a date in the future, before the request, or unreadable, with a field-linked message, and stores nothing", async () => {
    const family = await familyProcess(t);
    const vera = await login(t.app, "vuxenhandlaggare");
    const url = `/processer/${family.processId}/samrad/ny?hallplats=samrad-fore-bedomning`;
    for (const [heldOn, message] of [
      [addDays(TODAY, 1), "Datumet ligger i framtiden. Registrera det som redan har hänt."],
      [addDays(REQUEST_DATE, -1), "Datumet ligger före förfrågans datum."],
      ["2026-02-30", "Skriv ett datum som finns, till exempel 2026-12-20, 20/12 2026 eller 20 dec 2026."],
    ]) {
      const res = await postForm(t.app, vera, url, { heldOn: heldOn ?? "", note: "" });
      expect(res.statusCode).toBe(400);
      expect(errorLinks(res.body)).toEqual([["f-heldOn", message]]);
      expect(res.body).toContain('aria-invalid="true"');
    }
    const tooMany = await postForm(t.app, vera, url, { heldOn: TODAY, checklist: ["99"], note: "" });
    expect(tooMany.statusCode).toBe(400);
    expect(errorLinks(tooMany.body)).toEqual([["f-checklist", "Kryssa bara i punkter som finns i hållplatsens checklista."]]);
    expect(await consultationsOf(family.processId)).toHaveLength(0);
  });

  it("does not know a stop the model lacks, a per-child stop without a child, or a child of another family", async () => {
    const family = await familyProcess(t);
    const other = await familyProcess(t);
    const bo = await login(t.app, "barnhandlaggare");
    const base = `/processer/${family.processId}/samrad/ny`;
    expect((await get(t.app, bo, `${base}?hallplats=finns-inte`)).statusCode).toBe(404);
    expect((await get(t.app, bo, `${base}?hallplats=barnkonsekvensanalys`)).statusCode).toBe(404);
    expect((await get(t.app, bo, `${base}?hallplats=barnkonsekvensanalys&barn=${other.childIds[0]}`)).statusCode).toBe(404);
    expect((await get(t.app, bo, `${base}?hallplats=samrad-utredningsstart&barn=${family.childIds[0]}`)).statusCode).toBe(404);
    expect((await get(t.app, bo, `${base}?hallplats=barnkonsekvensanalys&barn=${family.childIds[0]}`)).statusCode).toBe(200);
  });
});

describe("who may record", () => {
  it("a caseworker not assigned to the family gets 404 and changes nothing; an analyst is refused with 403", async () => {
    const family = await familyProcess(t);
    const sara = await login(t.app, "handlaggare.syd");
    const url = `/processer/${family.processId}/samrad/ny?hallplats=samrad-utredningsstart`;
    expect((await get(t.app, sara, url)).statusCode).toBe(404);
    expect((await postForm(t.app, sara, url, { heldOn: TODAY, note: "" })).statusCode).toBe(404);
    expect((await get(t.app, sara, `/processer/${family.processId}/barnkonsekvensanalys/${family.childIds[0]}`)).statusCode).toBe(404);
    expect((await get(t.app, sara, `/processer/${family.processId}/trygghetsskala/ny`)).statusCode).toBe(404);
    const anna = await login(t.app, "analytiker");
    expect((await get(t.app, anna, url)).statusCode).toBe(403);
    expect((await postForm(t.app, anna, url, { heldOn: TODAY, note: "" })).statusCode).toBe(403);
    expect(
      (await postForm(t.app, anna, `/processer/${family.processId}/trygghetsskala/ny`, { childId: family.childIds[0] })).statusCode,
    ).toBe(403);
    expect(await consultationsOf(family.processId)).toHaveLength(0);

    const saraToken = await apiToken(t, "handlaggare.syd", ["processes.view", "processes.work"]);
    const api = await apiCall(t.app, "POST", `/api/v1/processes/${family.processId}/consultations`, saraToken, {
      stopKey: "samrad-utredningsstart",
      heldOn: TODAY,
    });
    expect(api.statusCode).toBe(404);
    expect(api.headers["content-type"]).toContain("application/problem+json");
  });
});

describe("the joint child impact analysis", () => {
  const sections = (conclusion: string) => ({
    "sections.situation": "Stina går i skolan och har kompisar.",
    "sections.views": "Stina vill att pappa ska må bra.",
    "sections.parentImpact": "Oro i hemmet på kvällarna.",
    "sections.interventionImpact": "Barngrupp ger Stina någon att prata med.",
    "sections.bestInterest": conclusion,
  });

  it("is made by both caseworkers, counts as the child's stop held, and is edited with its version; a stale edit is refused", async () => {
    const family = await familyProcess(t);
    const [stina, olle] = family.childIds;
    const bo = await login(t.app, "barnhandlaggare");
    const url = `/processer/${family.processId}/barnkonsekvensanalys/${stina}`;
    const form = await pageOk(t, bo, url);
    expect(form).toContain("Gemensam barnkonsekvensanalys för Stina Tolvansson");
    expect(form).toContain("Vera Vuxenhandläggare");
    expect(form).toContain('id="f-sections-bestInterest"');
    const viewed = await db()
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.action, "impact_analysis.view"), eq(auditLog.recordId, family.processId)));
    expect(personsNamed(viewed)).toContain(stina);

    const madeOn = addDays(TODAY, -1);
    const res = await postForm(t.app, bo, url, { version: "", madeOn, joint: "yes", ...sections("Barngrupp är bra för Stina.") });
    expect(res.statusCode, res.body.slice(0, 1500)).toBe(303);
    const [saved] = await db().select().from(childImpactAnalyses).where(eq(childImpactAnalyses.childId, stina));
    expect(saved).toMatchObject({ madeOn, joint: true, version: 1, sections: { bestInterest: "Barngrupp är bra för Stina." } });
    expect(await consultationsOf(family.processId)).toMatchObject([{ stopKey: "barnkonsekvensanalys", childId: stina, heldOn: madeOn }]);
    const { stops } = await stopsOf(family);
    expect(stops.filter((s) => s.key === "barnkonsekvensanalys").map((s) => [s.child?.id, s.state])).toEqual([
      [stina, "held"],
      [olle, "due"],
    ]);

    // Vera opens it (version 1), Bo saves a change first; Vera's save is refused and overwrites nothing.
    const vera = await login(t.app, "vuxenhandlaggare");
    const reopened = await pageOk(t, vera, url);
    expect(reopened).toContain('name="version" value="1"');
    expect(reopened).toContain("Barngrupp är bra för Stina.");
    const bos = await postForm(t.app, bo, url, { version: "1", madeOn, joint: "yes", ...sections("Bos slutsats.") });
    expect(bos.statusCode).toBe(303);
    const veras = await postForm(t.app, vera, url, { version: "1", madeOn, joint: "yes", ...sections("Veras slutsats.") });
    expect(veras.statusCode).toBe(409);
    expect(veras.body).toContain("Någon annan har ändrat analysen sedan du öppnade den");
    expect(veras.body).toContain("Veras slutsats."); // what she typed is still on the page
    const [after] = await db().select().from(childImpactAnalyses).where(eq(childImpactAnalyses.childId, stina));
    expect(after).toMatchObject({ version: 2, sections: { bestInterest: "Bos slutsats." } });
    expect(await consultationsOf(family.processId)).toHaveLength(1);

    // Creating it again (a form opened before the first save) is refused too.
    const twice = await postForm(t.app, vera, url, { version: "", madeOn, joint: "no", ...sections("Ny.") });
    expect(twice.statusCode).toBe(409);
  });

  it("cannot be joint without both caseworkers assigned, needs a conclusion and a real date", async () => {
    const family = await familyProcess(t, { adultCaseworker: false });
    const bo = await login(t.app, "barnhandlaggare");
    const url = `/processer/${family.processId}/barnkonsekvensanalys/${family.childIds[1]}`;
    expect(await pageOk(t, bo, url)).toContain("Ingen tilldelad");
    const res = await postForm(t.app, bo, url, { version: "", madeOn: addDays(TODAY, 3), joint: "yes", ...sections("") });
    expect(res.statusCode).toBe(400);
    expect(errorLinks(res.body)).toEqual([["f-sections-bestInterest", "Skriv barnets bästa och er slutsats."]]);
    const dates = await postForm(t.app, bo, url, { version: "", madeOn: addDays(TODAY, 3), joint: "yes", ...sections("Slutsats.") });
    expect(errorLinks(dates.body)).toEqual([
      ["f-madeOn", "Datumet ligger i framtiden. Registrera det som redan har hänt."],
      ["f-joint", "Analysen kan inte vara gemensam: familjen har inte både en barnhandläggare och en vuxenhandläggare tilldelade."],
    ]);
    const unanswered = await postForm(t.app, bo, url, { version: "", madeOn: TODAY, ...sections("Slutsats.") });
    expect(errorLinks(unanswered.body)).toEqual([["f-joint", "Svara om båda handläggarna deltog."]]);
    expect(await db().select().from(childImpactAnalyses).where(eq(childImpactAnalyses.processId, family.processId))).toHaveLength(0);
    expect(await consultationsOf(family.processId)).toHaveLength(0);

    const ok = await postForm(t.app, bo, url, { version: "", madeOn: TODAY, joint: "no", ...sections("Slutsats.") });
    expect(ok.statusCode).toBe(303);
  });

  it("works over the API: PUT creates and edits with the version, GET shows it, a stale version is a 409 problem", async () => {
    const family = await familyProcess(t);
    const token = await apiToken(t, "vuxenhandlaggare", ["processes.view", "processes.work"]);
    const url = `/api/v1/processes/${family.processId}/child-impact-analyses/${family.childIds[0]}`;
    expect((await apiCall(t.app, "GET", url, token)).statusCode).toBe(404);
    const body = { version: null, madeOn: TODAY, joint: true, sections: { bestInterest: "Slutsats." } };
    const created = await apiCall(t.app, "PUT", url, token, body);
    expect(created.statusCode, created.body).toBe(200);
    expect(created.json()).toEqual({ version: 1, created: true, stopRecorded: true });
    const edited = await apiCall(t.app, "PUT", url, token, { ...body, version: 1, sections: { bestInterest: "Ny slutsats." } });
    expect(edited.json()).toEqual({ version: 2, created: false, stopRecorded: false });
    const stale = await apiCall(t.app, "PUT", url, token, { ...body, version: 1 });
    expect(stale.statusCode).toBe(409);
    expect(stale.headers["content-type"]).toContain("application/problem+json");
    const shown = await apiCall(t.app, "GET", url, token);
    expect(shown.json()).toMatchObject({ madeOn: TODAY, joint: true, version: 2, sections: { bestInterest: "Ny slutsats." } });
    const bad = await apiCall(t.app, "PUT", url, token, { version: null, madeOn: "i går", joint: true, sections: { bestInterest: "" } });
    expect(bad.statusCode).toBe(400);
    expect(bad.headers["content-type"]).toContain("application/problem+json");
  });
});

describe("the safety scale", () => {
  it("adds ratings through the page and the API, refuses a score outside 0–10 and a future date", async () => {
    const family = await familyProcess(t);
    const [stina] = family.childIds;
    const bo = await login(t.app, "barnhandlaggare");
    const url = `/processer/${family.processId}/trygghetsskala/ny`;
    expect(await pageOk(t, bo, `${url}?barn=${stina}`)).toContain(`<option value="${stina}" selected`);
    const first = await postForm(t.app, bo, url, { childId: stina, ratedOn: addDays(TODAY, -20), ratedBy: "child", score: "3", note: "" });
    expect(first.statusCode, first.body.slice(0, 1500)).toBe(303);
    expect(first.headers.location).toBe(`/processer/${family.processId}?klart=trygghetsskala#hallplatser`);

    const bad = await postForm(t.app, bo, url, { childId: stina, ratedOn: addDays(TODAY, 1), ratedBy: "", score: "", note: "" });
    expect(bad.statusCode).toBe(400);
    expect(errorLinks(bad.body)).toEqual([
      ["f-ratedBy", "Välj vem som skattade."],
      ["f-score", "Välj ett värde från 0 till 10."],
    ]);

    const token = await apiToken(t, "vuxenhandlaggare", ["processes.view", "processes.work"]);
    const api = `/api/v1/processes/${family.processId}/safety-ratings`;
    const added = await apiCall(t.app, "POST", api, token, { childId: stina, ratedOn: TODAY, ratedBy: "guardian", score: 7 });
    expect(added.statusCode, added.body).toBe(201);
    const eleven = await apiCall(t.app, "POST", api, token, { childId: stina, ratedOn: TODAY, ratedBy: "guardian", score: 11 });
    expect(eleven.statusCode).toBe(400);
    expect(eleven.headers["content-type"]).toContain("application/problem+json");
    expect(eleven.json().errors).toEqual([{ field: "score", message: "Välj ett värde från 0 till 10." }]);
    const future = await apiCall(t.app, "POST", api, token, { childId: stina, ratedOn: addDays(TODAY, 1), ratedBy: "child", score: 5 });
    expect(future.statusCode).toBe(400);
    expect(future.json().errors).toEqual([{ field: "ratedOn", message: "Datumet ligger i framtiden. Registrera det som redan har hänt." }]);

    const list = await apiCall(t.app, "GET", api, token);
    expect(list.json().map((r: { score: number }) => r.score)).toEqual([3, 7]);
    const rows = await db().select().from(safetyRatings).where(eq(safetyRatings.processId, family.processId));
    expect(rows).toHaveLength(2);
    const audits = await db().select().from(auditLog).where(eq(auditLog.action, "safety_rating.add"));
    expect(audits.filter((a) => a.subjectPersonId === stina)).toHaveLength(2);
  });
});

describe("the section of the process page", () => {
  it("shows the stops with state in words and a symbol, the analyses, and the safety scale as a table and an SVG line with a text alternative", async () => {
    const family = await familyProcess(t);
    const [stina] = family.childIds;
    const bo = await login(t.app, "barnhandlaggare");
    for (const [ratedOn, score] of [
      [addDays(TODAY, -20), "2"],
      [addDays(TODAY, -10), "5"],
      [addDays(TODAY, -1), "8"],
    ]) {
      const res = await postForm(t.app, bo, `/processer/${family.processId}/trygghetsskala/ny`, {
        childId: stina,
        ratedOn: ratedOn ?? "",
        ratedBy: "child",
        score: score ?? "",
        note: "",
      });
      expect(res.statusCode).toBe(303);
    }
    const actor = await leaderActor(t);
    const loaded = await loadProcess(db(), { actor, scope: "municipality" }, family.processId);
    const data = await loadStopsSection(db(), loaded, TODAY);
    const html = render(<StopsSection view={swedishView(actor)} processId={family.processId} data={data} canWork />);
    expect((html.match(/<h2[\s>]/g) ?? []).length).toBe(1);
    expect(html).toContain("Hållplatser och samråd");
    expect(html).toContain('<span aria-hidden="true">! </span>Försenad 16 dagar');
    expect(html).toContain("När insatser har beviljats");
    expect(html).toContain(`href="/processer/${family.processId}/samrad/ny?hallplats=samrad-utredningsstart"`);
    expect(html).toContain(`href="/processer/${family.processId}/barnkonsekvensanalys/${stina}"`);
    expect(html).toContain("Gör barnkonsekvensanalysen för Stina Tolvansson");
    expect(html).toMatch(/<svg role="img" aria-labelledby="safety-[0-9a-f-]+-chart-title"/);
    expect(html).toContain(
      `Trygghetsskala för Stina Tolvansson över tid: 2 den ${addDays(TODAY, -20)}, 5 den ${addDays(TODAY, -10)}, 8 den ${addDays(TODAY, -1)}`,
    );
    expect(html).toContain("<polyline");
    expect(html).toContain("Inga skattningar än."); // Olle

    const readOnly = render(<StopsSection view={swedishView(actor)} processId={family.processId} data={data} canWork={false} />);
    expect(readOnly).not.toContain("/samrad/ny");
    expect(readOnly).not.toContain("/trygghetsskala/ny");

    // The minimal view of a unit manager: no names, no analyses, no ratings.
    const minimal = await loadStopsSection(db(), { ...loaded, minimal: true }, TODAY);
    const minimalHtml = render(<StopsSection view={swedishView(actor)} processId={family.processId} data={minimal} canWork />);
    expect(minimal.children).toEqual([]);
    expect(minimalHtml).not.toContain("Stina");
    expect(minimalHtml).toContain("Barn 1");
    expect(minimalHtml).not.toContain("<svg");
  });

  it("counts the follow-up stop from the first granted intervention", async () => {
    const family = await familyProcess(t);
    const token = await apiToken(t, "barnhandlaggare", ["processes.view", "processes.work"]);
    const grantedOn = addDays(TODAY, -5);
    const res = await apiCall(t.app, "POST", `/api/v1/processes/${family.processId}/support`, token, {
      personId: family.guardianId,
      kind: "outpatient_addiction",
      appliedOn: addDays(TODAY, -10),
      grantedOn,
    });
    expect(res.statusCode, res.body).toBe(201);
    const { stops } = await stopsOf(family);
    expect(stops.find((s) => s.key === "samrad-uppfoljning")).toMatchObject({ dueOn: addDays(grantedOn, 90), state: "due" });
  });
});
