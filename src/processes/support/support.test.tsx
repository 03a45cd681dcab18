import { eq } from "drizzle-orm";
import { render } from "preact-render-to-string";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { apiCall, apiToken, createTestApp, get, login, postForm, type TestApp } from "../../../test/helpers.ts";
import { auditLog, supportMeasures } from "../../db/schema/index.ts";
import { addDays } from "../../platform/dates.ts";
import { loadProcess } from "../access.ts";
import { familyProcess, leaderActor, pageOk, swedishView, TODAY } from "../stops/test-setup.ts";
import { loadSupportSection } from "./service.ts";
import { SupportSection } from "./views.tsx";

let t: TestApp;
const db = () => t.database.db;

beforeAll(async () => {
  t = await createTestApp();
});
afterAll(() => t.close());

const measuresOf = (processId: string) => db().select().from(supportMeasures).where(eq(supportMeasures.processId, processId));
const errorLinks = (html: string) => [...html.matchAll(/<a class="ds-link" href="#(f-[^"]+)">([^<]+)<\/a>/g)].map((m) => [m[1], m[2]]);

describe("further support on the page", () => {
  it("records an application and a grant for a family member, and edits it with its version; a stale edit is refused", async () => {
    const family = await familyProcess(t);
    const vera = await login(t.app, "vuxenhandlaggare");
    const form = await pageOk(t, vera, `/processer/${family.processId}/stod/ny`);
    expect(form).toContain("Registrera fortsatt stöd");
    expect(form).toContain("Öppenvård beroende");
    expect(form).toContain("Tolvan Tolvansson (vårdnadshavare)");
    expect(form).toContain("Stina Tolvansson (barn)");
    expect(form).toContain("Det här är inte journalen");

    const appliedOn = addDays(TODAY, -12);
    const res = await postForm(t.app, vera, `/processer/${family.processId}/stod/ny`, {
      personId: family.guardianId,
      kind: "outpatient_addiction",
      kindText: "",
      appliedOn,
      grantedOn: "",
      endedOn: "",
      note: "",
    });
    expect(res.statusCode, res.body.slice(0, 1500)).toBe(303);
    expect(res.headers.location).toBe(`/processer/${family.processId}?klart=stod#fortsatt-stod`);
    const [row] = await measuresOf(family.processId);
    expect(row).toMatchObject({ personId: family.guardianId, kind: "outpatient_addiction", appliedOn, grantedOn: null, version: 1 });
    const added = await db()
      .select()
      .from(auditLog)
      .where(eq(auditLog.recordId, row?.id ?? ""));
    expect(added).toMatchObject([{ action: "support.add", subjectPersonId: family.guardianId }]);

    const editUrl = `/processer/${family.processId}/stod/${row?.id}`;
    const edit = await pageOk(t, vera, editUrl);
    expect(edit).toContain('name="version" value="1"');
    expect(edit).toContain(`value="${appliedOn}"`);
    const grantedOn = addDays(TODAY, -3);
    const fields = {
      personId: family.guardianId,
      kind: "outpatient_addiction",
      kindText: "",
      appliedOn,
      grantedOn,
      endedOn: "",
      note: "Behandling två gånger i veckan.",
    };
    const saved = await postForm(t.app, vera, editUrl, { ...fields, version: "1" });
    expect(saved.statusCode, saved.body.slice(0, 1500)).toBe(303);
    const stale = await postForm(t.app, vera, editUrl, { ...fields, version: "1", note: "Skrivs inte." });
    expect(stale.statusCode).toBe(409);
    expect(stale.body).toContain("Någon annan har ändrat stödet sedan du öppnade det");
    const [after] = await measuresOf(family.processId);
    expect(after).toMatchObject({ grantedOn, version: 2, note: "Behandling två gånger i veckan." });
  });

  it("refuses dates out of order or in the future, a missing kind text, and stores nothing", async () => {
    const family = await familyProcess(t);
    const bo = await login(t.app, "barnhandlaggare");
    const url = `/processer/${family.processId}/stod/ny`;
    const base = { personId: family.childIds[0], kind: "child_group", kindText: "", appliedOn: "", grantedOn: "", endedOn: "", note: "" };
    const cases: Array<[Record<string, string>, string[][]]> = [
      [{}, [["f-appliedOn", "Fyll i när stödet söktes, när det beviljades, eller båda."]]],
      [{ appliedOn: addDays(TODAY, -2), grantedOn: addDays(TODAY, -5) }, [["f-grantedOn", "Insatsen kan inte ha beviljats före ansökan."]]],
      [{ appliedOn: addDays(TODAY, 1) }, [["f-appliedOn", "Datumet ligger i framtiden. Registrera det som redan har hänt."]]],
      [
        { grantedOn: addDays(TODAY, -5), endedOn: addDays(TODAY, 2) },
        [["f-endedOn", "Datumet ligger i framtiden. Registrera det som redan har hänt."]],
      ],
      [{ grantedOn: addDays(TODAY, -5), endedOn: addDays(TODAY, -6) }, [["f-endedOn", "Insatsen kan inte ha avslutats före beviljandet."]]],
      [
        { appliedOn: addDays(TODAY, -5), endedOn: addDays(TODAY, -1) },
        [["f-endedOn", "Bara en beviljad insats kan avslutas. Fyll i när den beviljades."]],
      ],
      [{ kind: "other", appliedOn: TODAY }, [["f-kindText", "Skriv vilket stöd det är."]]],
      [{ kind: "", appliedOn: TODAY }, [["f-kind", "Välj slag av stöd."]]],
      [{ appliedOn: "2026-02-30" }, [["f-appliedOn", "Skriv ett datum som finns, till exempel 2026-12-20, 20/12 2026 eller 20 dec 2026."]]],
    ];
    for (const [change, expected] of cases) {
      const res = await postForm(t.app, bo, url, { ...base, ...change });
      expect(res.statusCode, JSON.stringify(change)).toBe(400);
      expect(errorLinks(res.body), JSON.stringify(change)).toEqual(expected);
    }
    expect(await measuresOf(family.processId)).toHaveLength(0);
    const other = await postForm(t.app, bo, url, { ...base, kind: "other", kindText: "Läxhjälp", grantedOn: TODAY });
    expect(other.statusCode).toBe(303);
    expect(await measuresOf(family.processId)).toMatchObject([{ kind: "other", kindText: "Läxhjälp", grantedOn: TODAY }]);
  });

  it("is not there for a caseworker not assigned to the family (404), and refused to an analyst (403)", async () => {
    const family = await familyProcess(t);
    const sara = await login(t.app, "handlaggare.syd");
    expect((await get(t.app, sara, `/processer/${family.processId}/stod/ny`)).statusCode).toBe(404);
    const posted = await postForm(t.app, sara, `/processer/${family.processId}/stod/ny`, {
      personId: family.guardianId,
      kind: "placement",
      grantedOn: TODAY,
    });
    expect(posted.statusCode).toBe(404);
    const anna = await login(t.app, "analytiker");
    expect((await get(t.app, anna, `/processer/${family.processId}/stod/ny`)).statusCode).toBe(403);
    const token = await apiToken(t, "analytiker", []);
    expect((await apiCall(t.app, "GET", `/api/v1/processes/${family.processId}/support`, token)).statusCode).toBe(403);
    expect(await measuresOf(family.processId)).toHaveLength(0);
    const bo = await login(t.app, "barnhandlaggare");
    expect((await get(t.app, bo, `/processer/${family.processId}/stod/00000000-0000-4000-8000-000000000000`)).statusCode).toBe(404);
    expect((await get(t.app, bo, `/processer/${family.processId}/stod/inte-ett-id`)).statusCode).toBe(404);
  });
});

describe("further support over the API", () => {
  it("adds, lists and edits with the version; bad input and a stale version are problem+json", async () => {
    const family = await familyProcess(t);
    const token = await apiToken(t, "barnhandlaggare", ["processes.view", "processes.work"]);
    const api = `/api/v1/processes/${family.processId}/support`;
    const body = { personId: family.childIds[1], kind: "child_group", appliedOn: addDays(TODAY, -4), grantedOn: addDays(TODAY, -2) };
    const created = await apiCall(t.app, "POST", api, token, body);
    expect(created.statusCode, created.body).toBe(201);
    const { id } = created.json();
    const list = await apiCall(t.app, "GET", api, token);
    expect(list.json()).toMatchObject([
      { id, personId: family.childIds[1], personKind: "child", kind: "child_group", state: "granted", version: 1 },
    ]);

    const ended = await apiCall(t.app, "PATCH", `${api}/${id}`, token, { ...body, endedOn: TODAY, version: 1 });
    expect(ended.statusCode, ended.body).toBe(200);
    expect(ended.json()).toEqual({ version: 2 });
    const stale = await apiCall(t.app, "PATCH", `${api}/${id}`, token, { ...body, version: 1 });
    expect(stale.statusCode).toBe(409);
    expect(stale.headers["content-type"]).toContain("application/problem+json");

    const bad = await apiCall(t.app, "POST", api, token, { ...body, grantedOn: addDays(TODAY, -9) });
    expect(bad.statusCode).toBe(400);
    expect(bad.headers["content-type"]).toContain("application/problem+json");
    expect(bad.json().errors).toEqual([{ field: "grantedOn", message: "Insatsen kan inte ha beviljats före ansökan." }]);
    const unknownKind = await apiCall(t.app, "POST", api, token, { ...body, kind: "massage" });
    expect(unknownKind.statusCode).toBe(400);
    const stranger = await apiCall(t.app, "POST", api, token, { ...body, personId: (await familyProcess(t)).guardianId });
    expect(stranger.json().errors).toEqual([{ field: "personId", message: "Välj familjemedlemmen som stödet gäller." }]);
    expect(await measuresOf(family.processId)).toHaveLength(1);
  });
});

describe("the section of the process page", () => {
  it("lists each measure with the member, the kind, the dates and the state, with edit links for those who may work", async () => {
    const family = await familyProcess(t);
    const token = await apiToken(t, "vuxenhandlaggare", ["processes.work"]);
    const api = `/api/v1/processes/${family.processId}/support`;
    await apiCall(t.app, "POST", api, token, { personId: family.guardianId, kind: "outpatient_addiction", appliedOn: addDays(TODAY, -8) });
    await apiCall(t.app, "POST", api, token, {
      personId: family.childIds[0],
      kind: "other",
      kindText: "Läxhjälp",
      grantedOn: addDays(TODAY, -1),
    });
    const actor = await leaderActor(t);
    const loaded = await loadProcess(db(), { actor, scope: "municipality" }, family.processId);
    const data = await loadSupportSection(db(), loaded);
    const html = render(<SupportSection view={swedishView(actor)} processId={family.processId} data={data} canWork />);
    expect(html).toContain("Fortsatt stöd");
    expect(html).toContain("Öppenvård beroende");
    expect(html).toContain("Läxhjälp");
    expect(html).toContain("Ansökt");
    expect(html).toContain("Beviljad");
    expect(html).toContain("Ändra Läxhjälp för Stina Tolvansson");
    expect(html).toContain(`href="/processer/${family.processId}/stod/ny"`);
    const minimal = await loadSupportSection(db(), { ...loaded, minimal: true });
    const minimalHtml = render(<SupportSection view={swedishView(actor)} processId={family.processId} data={minimal} canWork />);
    expect(minimalHtml).not.toContain("Tolvan");
    expect(minimalHtml).toContain("Vårdnadshavare 1");
    expect(minimalHtml).not.toContain("/stod/");
  });
});
