/**
 * Placements and the placement forum (issue 18, part P) against a real PostgreSQL through the HTTP
 * app: need-to-know (a caseworker of another unit sees nothing: not in the list, 404 on the page and
 * the API, not on the forum), the audit rows naming the child, the bad input refused field by field
 * with nothing changed (an end before the start, an overlapping placement, an ended placement
 * without its destination, a forum in the future marked held, a decision without a responsible
 * person), a stale version (409), the forum's agenda for its date with last time's steps as due,
 * open or done, and the family page's section for a Sofia child. The demo's placements are the
 * starting point; every date counts from the test clock.
 */
import { and, eq, sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { decidedFamily, unitId, userId } from "../../test/fixtures.ts";
import { apiCall, apiToken, type Browser, createTestApp, get, login, postForm, type TestApp } from "../../test/helpers.ts";
import { auditLog, placedChildren, placementForumActions, placementForumReviews, placementForums, placements } from "../db/schema/index.ts";
import { luhnCheckDigit } from "../families/index.ts";
import { addDays } from "../platform/dates.ts";
import { actionStatus, daysPlaced, overlaps, placedOn, placementProblems } from "./model.ts";
import { paths } from "./paths.ts";

let t: TestApp;
let worker: Browser;
let workerToken = "";
let sydToken = "";
let leaderToken = "";
let managerToken = "";
let norr = "";
let syd = "";
const db = () => t.database.db;
const today = () => t.clock.today();
const day = (n: number) => addDays(today(), n);
const count = async (table: typeof placements | typeof placedChildren | typeof placementForumReviews | typeof placementForumActions) =>
  (await db().select({ n: sql<number>`count(*)::int` }).from(table))[0]?.n ?? 0;
/** The message of a problem's field (problem+json `errors`: a list of field and message). */
const errorOf = (res: { json: () => unknown }, field: string) =>
  ((res.json() as { errors?: Array<{ field: string; message: string }> }).errors ?? []).find((e) => e.field === field)?.message ?? "";
const plain = (html: string) => html.replace(/[\u00a0\u202f]/g, " ");

beforeAll(async () => {
  t = await createTestApp();
  const scopes = ["placements.read", "placements.write"];
  worker = await login(t.app, "barnhandlaggare");
  workerToken = await apiToken(t, "barnhandlaggare", scopes);
  sydToken = await apiToken(t, "handlaggare.syd", scopes);
  leaderToken = await apiToken(t, "processledare", scopes);
  managerToken = await apiToken(t, "enhetschef", scopes);
  norr = await unitId(t, "Barn och unga Norr");
  syd = await unitId(t, "Barn och unga Syd");
});
afterAll(() => t.close());

describe("the rules", () => {
  it("overlap, placed on a date, days placed, an action's status and the dates' problems", () => {
    expect(overlaps({ startDate: "2026-01-01", endDate: "2026-02-01" }, { startDate: "2026-02-01", endDate: null })).toBe(true);
    expect(overlaps({ startDate: "2026-01-01", endDate: "2026-01-31" }, { startDate: "2026-02-01", endDate: null })).toBe(false);
    expect(overlaps({ startDate: "2026-03-01", endDate: null }, { startDate: "2026-01-01", endDate: null })).toBe(true);
    expect(placedOn({ startDate: "2026-01-01", endDate: "2026-01-10" }, "2026-01-10")).toBe(true);
    expect(placedOn({ startDate: "2026-01-01", endDate: "2026-01-10" }, "2026-01-11")).toBe(false);
    expect(daysPlaced({ startDate: "2026-01-01", endDate: null }, "2026-01-31")).toBe(30);
    expect(actionStatus({ dueDate: "2026-01-09", doneOn: null }, "2026-01-10")).toBe("due");
    expect(actionStatus({ dueDate: "2026-01-10", doneOn: null }, "2026-01-10")).toBe("open");
    expect(actionStatus({ dueDate: "2026-01-01", doneOn: "2026-01-05" }, "2026-01-10")).toBe("done");
    expect(
      placementProblems({ startDate: "2026-02-01", plannedEndDate: "2026-01-01", endDate: "2026-01-15", endDestination: null }),
    ).toEqual({
      plannedEndDate: "placements.plannedEnd.beforeStart",
      endDate: "placements.end.beforeStart",
      endDestination: "placements.destination.required",
    });
  });
});

describe("need-to-know", () => {
  it("shows the demo's four placed children to the unit's caseworker and audits the list in one row naming them", async () => {
    const res = await apiCall(t.app, "GET", paths.apiChildren.href(), workerToken);
    expect(res.statusCode).toBe(200);
    const children = res.json().children as Array<{ id: string; name: string; requestPersonId: string | null; unitId: string }>;
    expect(children.length).toBe(4);
    expect(children.every((c) => c.unitId === norr)).toBe(true);
    expect(children.filter((c) => c.requestPersonId !== null)).toHaveLength(1);
    const [row] = await db()
      .select()
      .from(auditLog)
      .where(eq(auditLog.action, "placement.list"))
      .orderBy(sql`${auditLog.id} desc`)
      .limit(1);
    expect(row?.subjectPersonIds.sort()).toEqual(children.map((c) => c.requestPersonId ?? c.id).sort());
  });

  it("shows a caseworker of another unit nothing: not in the list, 404 on the child's page and API, not the forum", async () => {
    const all = (await apiCall(t.app, "GET", paths.apiChildren.href(), leaderToken)).json().children as Array<{ id: string }>;
    expect(all.length).toBeGreaterThanOrEqual(4);
    const list = await apiCall(t.app, "GET", paths.apiChildren.href(), sydToken);
    expect(list.statusCode).toBe(200);
    expect(list.json().children).toEqual([]);
    const syd = await login(t.app, "handlaggare.syd");
    const page = await get(t.app, syd, paths.list.href());
    expect(page.statusCode).toBe(200);
    for (const c of all) {
      expect((await apiCall(t.app, "GET", paths.apiChild.href({ id: c.id }), sydToken)).statusCode).toBe(404);
      expect((await get(t.app, syd, paths.child.href({ id: c.id }))).statusCode).toBe(404);
      expect(page.body).not.toContain(c.id);
    }
    const forums = (await apiCall(t.app, "GET", paths.apiForums.href(), workerToken)).json().forums as Array<{ id: string }>;
    expect(forums.length).toBe(2);
    expect((await apiCall(t.app, "GET", paths.apiForums.href(), sydToken)).json().forums).toEqual([]);
    for (const f of forums) expect((await apiCall(t.app, "GET", paths.apiForum.href({ id: f.id }), sydToken)).statusCode).toBe(404);
    // Nor may they record a placement for a child of a unit not theirs.
    const before = await count(placements);
    const res = await apiCall(t.app, "POST", paths.apiChildren.href(), sydToken, {
      name: "Ture Test",
      birthDate: day(-2000),
      unitId: norr,
      kind: "foster_home",
      legalBasis: "sol",
      startDate: day(-3),
    });
    expect(res.statusCode).toBe(400);
    expect(errorOf(res, "unitId")).toBe("Välj en av dina familjeenheter.");
    expect(await count(placements)).toBe(before);
  });

  it("refuses an analyst and an administrator (no permission): 403", async () => {
    const analyst = await login(t.app, "analytiker");
    expect((await get(t.app, analyst, paths.list.href())).statusCode).toBe(403);
    const admin = await login(t.app, "admin");
    expect((await get(t.app, admin, paths.forums.href())).statusCode).toBe(403);
  });
});

describe("placements", () => {
  let childId = "";
  let placementId = "";

  it("records a child without a Sofia process with the first placement, the identity number sealed, and audits the view", async () => {
    const res = await apiCall(t.app, "POST", paths.apiChildren.href(), workerToken, {
      name: "Saga Testsson",
      identityNumber: `20150312-123${luhnCheckDigit("150312123")}`,
      unitId: norr,
      caseworkerId: await userId(t, "barnhandlaggare"),
      kind: "emergency_foster_home",
      legalBasis: "lvu",
      startDate: day(-40),
      plannedEndDate: day(20),
      returnHomePlan: "Hemflytt när mamma har en bostad.",
    });
    expect(res.statusCode, res.body).toBe(201);
    const body = res.json();
    childId = body.child.id;
    placementId = body.placements[0].id;
    expect(body.child.birthDate).toBe("2015-03-12");
    expect(body.child.maskedIdentityNumber).toBe("20150312-****");
    expect(body.child.daysPlaced).toBe(40);
    const [stored] = await db().select().from(placedChildren).where(eq(placedChildren.id, childId));
    expect(stored?.identityNumberSealed).toMatch(/^v1:/);
    expect(stored?.identityNumberIndex).toBeTruthy();
    const [view] = await db()
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.action, "placement.child_view"), eq(auditLog.subjectPersonId, childId)));
    expect(view).toBeTruthy();
  });

  it("refuses an end before the start, an overlapping placement and an end without its destination, field by field, changing nothing", async () => {
    const before = await count(placements);
    const planned = await apiCall(t.app, "POST", paths.apiChildPlacements.href({ id: childId }), workerToken, {
      kind: "foster_home",
      legalBasis: "sol",
      startDate: day(-100),
      plannedEndDate: day(-120),
    });
    expect(planned.statusCode).toBe(400);
    expect(errorOf(planned, "plannedEndDate")).toBe("Planerat slut kan inte vara före starten.");
    const overlap = await apiCall(t.app, "POST", paths.apiChildPlacements.href({ id: childId }), workerToken, {
      kind: "foster_home",
      legalBasis: "sol",
      startDate: day(-10),
    });
    expect(overlap.statusCode).toBe(400);
    expect(errorOf(overlap, "startDate")).toContain("redan en placering");
    const v = 1;
    const early = await apiCall(t.app, "POST", paths.apiPlacementEnd.href({ id: placementId }), workerToken, {
      endDate: day(-41),
      endDestination: "home",
      version: v,
    });
    expect(early.statusCode).toBe(400);
    expect(errorOf(early, "endDate")).toBe("Slutdatumet kan inte vara före startdatumet.");
    const nowhere = await apiCall(t.app, "POST", paths.apiPlacementEnd.href({ id: placementId }), workerToken, {
      endDate: day(-1),
      version: v,
    });
    expect(nowhere.statusCode).toBe(400);
    expect(errorOf(nowhere, "endDestination")).toBe("Ange vart barnet gick: hem eller annan placering.");
    expect(await count(placements)).toBe(before);
    const [p] = await db().select().from(placements).where(eq(placements.id, placementId));
    expect(p?.endDate).toBeNull();
    expect(p?.version).toBe(1);

    // The same on the form: the page again with the field's Swedish error, 400.
    const form = await postForm(t.app, worker, paths.newPlacement.href({ id: childId }), {
      kind: "foster_home",
      legalBasis: "sol",
      startDate: day(-5),
    });
    expect(form.statusCode).toBe(400);
    expect(form.body).toContain("Barnet har redan en placering under den tiden.");
    expect(form.body).toContain('href="#f-startDate"');
    expect(await count(placements)).toBe(before);
  });

  it("edits with the version (a stale one is 409), ends the placement, and then a next placement may follow", async () => {
    const edit = await apiCall(t.app, "PUT", paths.apiPlacement.href({ id: placementId }), workerToken, {
      kind: "emergency_foster_home",
      legalBasis: "lvu",
      startDate: day(-40),
      plannedEndDate: day(30),
      returnHomePlan: "Hemflytt när mamma har en bostad och stöd från öppenvården.",
      version: 1,
    });
    expect(edit.statusCode, edit.body).toBe(200);
    const stale = await apiCall(t.app, "PUT", paths.apiPlacement.href({ id: placementId }), workerToken, {
      kind: "foster_home",
      legalBasis: "lvu",
      startDate: day(-40),
      version: 1,
    });
    expect(stale.statusCode).toBe(409);
    const end = await apiCall(t.app, "POST", paths.apiPlacementEnd.href({ id: placementId }), workerToken, {
      endDate: day(-2),
      endDestination: "other_placement",
      version: 2,
    });
    expect(end.statusCode, end.body).toBe(200);
    const next = await apiCall(t.app, "POST", paths.apiChildPlacements.href({ id: childId }), workerToken, {
      kind: "foster_home",
      legalBasis: "lvu",
      startDate: day(-1),
    });
    expect(next.statusCode, next.body).toBe(201);
    expect(next.json().placements).toHaveLength(2);
    expect(next.json().child.current.kind).toBe("foster_home");
    const audits = await db().select().from(auditLog).where(eq(auditLog.subjectPersonId, childId));
    expect(audits.map((a) => a.action)).toEqual(expect.arrayContaining(["placement.create", "placement.update", "placement.end"]));
  });

  it("records a placement for a Sofia child from the family page's section, and shows it there", async () => {
    const family = await decidedFamily(t, { children: [{ name: "Kim Placerad", age: 6, unit: "Barn och unga Norr" }] });
    const kim = family.person("Kim Placerad");
    const page = await get(t.app, worker, `/processer/${family.processId}`);
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain("Barnet är inte placerat.");
    const link = paths.newChild.href({ barn: kim });
    expect(page.body).toContain(link.replace(/&/g, "&amp;"));
    const formPage = await get(t.app, worker, link);
    expect(formPage.statusCode).toBe(200);
    expect(formPage.body).toContain("Registrera placering för Kim Placerad");
    const res = await postForm(t.app, worker, paths.newChild.href(), {
      requestPersonId: kim,
      unitId: norr,
      caseworkerId: "",
      kind: "kinship",
      legalBasis: "sol",
      startDate: day(-7),
      plannedEndDate: "",
      returnHomePlan: "",
    });
    expect(res.statusCode, res.body).toBe(303);
    const after = await get(t.app, worker, `/processer/${family.processId}`);
    expect(plain(after.body)).toContain("Nätverkshem");
    const [child] = await db().select().from(placedChildren).where(eq(placedChildren.requestPersonId, kim));
    expect(child?.name).toBeNull();
    // A caseworker of another unit who does not work with the family cannot open the form for the child.
    const syd = await login(t.app, "handlaggare.syd");
    expect((await get(t.app, syd, link)).statusCode).toBe(404);
  });
});

describe("the forum", () => {
  it("refuses a forum dated after today marked held, and a decision without a responsible person; changes nothing", async () => {
    const forums = (await apiCall(t.app, "GET", paths.apiForums.href(), managerToken)).json().forums as Array<{
      id: string;
      forumDate: string;
      held: boolean;
      version: number;
    }>;
    const planned = forums.find((f) => !f.held);
    expect(planned?.forumDate).toBe(day(7));
    const held = await apiCall(t.app, "POST", paths.apiForumHeld.href({ id: planned?.id ?? "" }), managerToken, {
      held: true,
      version: planned?.version,
    });
    expect(held.statusCode).toBe(400);
    expect(errorOf(held, "held")).toContain("efter i dag");
    const manager = await login(t.app, "enhetschef");
    const form = await postForm(t.app, manager, paths.forumHeld.href({ id: planned?.id ?? "" }), {
      held: "on",
      version: String(planned?.version),
    });
    expect(form.statusCode).toBe(400);
    expect(form.body).toContain("kan inte markeras som hållet ännu");
    const [row] = await db()
      .select()
      .from(placementForums)
      .where(eq(placementForums.id, planned?.id ?? ""));
    expect(row?.heldAt).toBeNull();

    const agenda = (await apiCall(t.app, "GET", paths.apiForum.href({ id: planned?.id ?? "" }), managerToken)).json();
    const item = agenda.items.find((i: { child: { requestPersonId: string | null } }) => i.child.requestPersonId !== null);
    expect(item).toBeTruthy();
    const reviews = await count(placementForumReviews);
    const actions = await count(placementForumActions);
    const refused = await apiCall(t.app, "POST", paths.apiForumReviews.href({ id: planned?.id ?? "" }), managerToken, {
      placedChildId: item.child.id,
      decision: "Fortsatt placering.",
      actions: [{ subject: "child", action: "Samtal med barnet.", responsibleId: null, dueDate: day(30) }],
    });
    expect(refused.statusCode).toBe(400);
    expect(errorOf(refused, "actions.0.responsibleId")).toContain("Ett beslut utan ansvarig tas inte emot");
    const page = await postForm(t.app, manager, paths.review.href({ id: planned?.id ?? "", childId: item.child.id }), {
      decision: "Fortsatt placering.",
      "actions.0.subject": "child",
      "actions.0.action": "Samtal med barnet.",
      "actions.0.responsibleId": "",
      "actions.0.dueDate": day(30),
    });
    expect(page.statusCode).toBe(400);
    expect(page.body).toContain('href="#f-actions-0-responsibleId"');
    expect(await count(placementForumReviews)).toBe(reviews);
    expect(await count(placementForumActions)).toBe(actions);
  });

  it("builds the agenda for its date with days placed and last time's steps as due, open or done; the next forum shows this one's", async () => {
    const forums = (await apiCall(t.app, "GET", paths.apiForums.href(), managerToken)).json().forums as Array<{
      id: string;
      forumDate: string;
      held: boolean;
    }>;
    const last = forums.find((f) => f.held);
    const next = forums.find((f) => !f.held);
    const lastAgenda = (await apiCall(t.app, "GET", paths.apiForum.href({ id: last?.id ?? "" }), managerToken)).json();
    // The demo's four children were all placed 28 days ago (one has gone home since).
    expect(lastAgenda.items.length).toBeGreaterThanOrEqual(4);
    const nextAgenda = (await apiCall(t.app, "GET", paths.apiForum.href({ id: next?.id ?? "" }), managerToken)).json();
    const names = nextAgenda.items.map((i: { child: { name: string } }) => i.child.name);
    expect(names).not.toContain("Alva Holm");
    expect(names).toContain("Nora Lindqvist");
    const nora = nextAgenda.items.find((i: { child: { name: string } }) => i.child.name === "Nora Lindqvist");
    expect(nora.daysPlaced).toBe(427);
    const statuses = nora.previous.actions.map((a: { status: string }) => a.status).sort();
    expect(statuses).toEqual(["due", "open"]);
    const [audit] = await db()
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.action, "placement_forum.agenda"), eq(auditLog.recordId, next?.id ?? "")))
      .limit(1);
    expect(audit?.subjectPersonIds).toContain(nora.child.id);

    // This forum's decision for Nora (her parent without Sofia named in words), and a step done.
    const leader = await userId(t, "processledare");
    const recorded = await apiCall(t.app, "POST", paths.apiForumReviews.href({ id: next?.id ?? "" }), managerToken, {
      placedChildId: nora.child.id,
      decision: "Umgänget utökas.",
      actions: [
        { subject: "child", action: "Besök i familjehemmet.", responsibleId: await userId(t, "barnhandlaggare"), dueDate: day(20) },
        {
          subject: "parent",
          parentLabel: "mamma",
          action: "Fortsatt behandling.",
          support: "Öppenvård",
          responsibleId: leader,
          dueDate: day(40),
        },
      ],
    });
    expect(recorded.statusCode, recorded.body).toBe(201);
    const again = await apiCall(t.app, "POST", paths.apiForumReviews.href({ id: next?.id ?? "" }), managerToken, {
      placedChildId: nora.child.id,
      decision: "En gång till.",
      actions: [{ subject: "child", action: "Något.", responsibleId: leader, dueDate: day(20) }],
    });
    expect(again.statusCode).toBe(409);
    const due = nora.previous.actions.find((a: { status: string }) => a.status === "due");
    const done = await apiCall(t.app, "POST", paths.apiActionDone.href({ id: due.id }), managerToken, { version: due.version });
    expect(done.statusCode, done.body).toBe(200);
    const after = (await apiCall(t.app, "GET", paths.apiForum.href({ id: next?.id ?? "" }), managerToken)).json();
    const noraAfter = after.items.find((i: { child: { name: string } }) => i.child.name === "Nora Lindqvist");
    expect(noraAfter.previous.actions.map((a: { status: string }) => a.status).sort()).toEqual(["done", "open"]);
    expect(noraAfter.review.actions).toHaveLength(2);
    // The same step marked done again from a page opened before (its old version): the page it was
    // marked on again, 409 with the refusal in Swedish, nothing changed.
    const manager = await login(t.app, "enhetschef");
    const stale = { version: String(due.version) };
    const fromForum = await postForm(t.app, manager, paths.actionDone.href({ id: due.id }, { forum: next?.id ?? "" }), stale);
    expect(fromForum.statusCode).toBe(409);
    expect(fromForum.body).toContain("Steget är redan markerat som klart.");
    expect(fromForum.body).toContain("Umgänget utökas.");
    const fromChild = await postForm(t.app, manager, paths.actionDone.href({ id: due.id }, { barn: nora.child.id }), stale);
    expect(fromChild.statusCode).toBe(409);
    expect(fromChild.body).toContain("Steget är redan markerat som klart.");
    expect(fromChild.body).toContain("<h1");
    expect(fromChild.body).toContain("Nora Lindqvist");
    const unchanged = (await apiCall(t.app, "GET", paths.apiForum.href({ id: next?.id ?? "" }), managerToken)).json();
    expect(unchanged).toEqual(after);
    const page = await get(t.app, manager, paths.forum.href({ id: next?.id ?? "" }));
    expect(page.statusCode).toBe(200);
    expect(plain(page.body)).toContain("Umgänget utökas.");
    expect(plain(page.body)).toContain("Förfallen");
  });

  it("plans a forum convened by the unit manager by default, records attendance and marks a forum dated today held", async () => {
    const res = await apiCall(t.app, "POST", paths.apiForums.href(), workerToken, { unitId: norr, forumDate: today() });
    expect(res.statusCode, res.body).toBe(201);
    const forum = res.json().forum;
    expect(forum.convenedBy).toBe(await userId(t, "enhetschef"));
    const refused = await apiCall(t.app, "POST", paths.apiForums.href(), workerToken, { unitId: syd, forumDate: today() });
    expect(refused.statusCode).toBe(400);
    const attended = await apiCall(t.app, "POST", paths.apiForumAttendance.href({ id: forum.id }), workerToken, {
      attendeeIds: [await userId(t, "enhetschef"), await userId(t, "barnhandlaggare")],
      version: forum.version,
    });
    expect(attended.statusCode, attended.body).toBe(200);
    expect(attended.json().attendees).toHaveLength(2);
    const held = await apiCall(t.app, "POST", paths.apiForumHeld.href({ id: forum.id }), workerToken, {
      held: true,
      version: forum.version + 1,
    });
    expect(held.statusCode, held.body).toBe(200);
    expect(held.json().forum.held).toBe(true);
  });
});
