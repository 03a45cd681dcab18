/**
 * Survey links per respondent through the HTTP app on a real PostgreSQL: the staff page names who
 * answers (audited), a post makes one link each with a handout that never names anyone (no-store,
 * the token only in that answer, only its hash stored), the meeting page links to it, a meeting
 * planned for a later day is refused, need-to-know hides another family's meeting, and the API
 * returns the links once.
 */
import { and, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { apiCall, apiToken, createTestApp, get, login, personsNamed, postForm, type TestApp } from "../../../test/helpers.ts";
import { auditLog, surveyInvitations, surveyResponses } from "../../db/schema/index.ts";
import { addDays } from "../../platform/dates.ts";
import { sha256 } from "../../platform/sessions.ts";
import { CODE_ALPHABET, CODE_BITS, formatCode, newLinkCode, normaliseCode, tokenHashOf } from "./codes.ts";
import { LINK_DAYS, meetingTakesLinks } from "./service.ts";
import { familyMeeting, linkFamily, linksUrl, meetingUrl, TODAY, tokensFrom } from "./test-setup.ts";

let t: TestApp;
const db = () => t.database.db;

beforeAll(async () => {
  t = await createTestApp();
});
afterAll(() => t.close());

const invitationsOf = (meetingId: string) => db().select().from(surveyInvitations).where(eq(surveyInvitations.meetingId, meetingId));

describe("meetingTakesLinks", () => {
  it("takes a held meeting, and a planned one dated today or earlier; never a later or cancelled one", () => {
    expect(meetingTakesLinks({ status: "held", plannedDate: "2026-01-10" }, "2026-01-01")).toBe(true);
    expect(meetingTakesLinks({ status: "planned", plannedDate: "2026-01-01" }, "2026-01-01")).toBe(true);
    expect(meetingTakesLinks({ status: "planned", plannedDate: "2025-12-31" }, "2026-01-01")).toBe(true);
    expect(meetingTakesLinks({ status: "planned", plannedDate: "2026-01-02" }, "2026-01-01")).toBe(false);
    expect(meetingTakesLinks({ status: "planned", plannedDate: null }, "2026-01-01")).toBe(false);
    expect(meetingTakesLinks({ status: "cancelled", plannedDate: "2025-12-31" }, "2026-01-01")).toBe(false);
  });
});

describe("survey links on the pages", () => {
  it("lists who answers by name (audited), then makes one link each with a handout that names nobody", async () => {
    const f = await linkFamily(t);
    const id = await familyMeeting(t, f);
    const worker = await login(t.app, "barnhandlaggare");

    const meeting = await get(t.app, worker, meetingUrl(f, id));
    expect(meeting.body).toContain(`href="${linksUrl(f, id)}"`);
    expect(meeting.body).toContain("Skapa enkätlänkar till familjen");

    const page = await get(t.app, worker, linksUrl(f, id));
    expect(page.statusCode, page.body.slice(0, 2000)).toBe(200);
    expect(page.body).toContain("Tolvan Tolvansson");
    expect(page.body).toContain("Lilla Tolvansson");
    expect(page.body).toContain("Förälder med missbruksproblem");
    expect(page.body).toContain("Barn (6–9)");
    expect(page.body).toContain("Frågor till dig som är barn");
    const shown = await db()
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.action, "survey_invitation.respondents"), eq(auditLog.recordId, f.processId)));
    expect(personsNamed(shown).sort()).toEqual([f.guardian, f.child].sort());

    const handout = await postForm(t.app, worker, linksUrl(f, id), {});
    expect(handout.statusCode, handout.body.slice(0, 2000)).toBe(200);
    expect(handout.headers["cache-control"]).toBe("no-store");
    expect(handout.headers["referrer-policy"]).toBe("no-referrer");
    expect(handout.body).not.toContain("Tolvan");
    expect(handout.body).not.toContain("Lilla");
    expect(handout.body).toContain("Enkät till föräldrar efter mötet");
    expect(handout.body).toContain("Frågor till dig som är barn");
    expect(handout.body).toContain(">Förälder<");
    expect(handout.body).toContain(">Barn<");
    expect(handout.body).toContain("<svg");
    const tokens = tokensFrom(handout.body);
    expect(tokens).toHaveLength(2);

    const stored = await invitationsOf(id);
    expect(stored).toHaveLength(2);
    expect(stored.map((i) => i.respondentRole).sort()).toEqual(["child", "parent_with_problem"]);
    expect(stored.find((i) => i.respondentRole === "child")?.ageBand).toBe("6–9");
    for (const i of stored) {
      expect(i.mode).toBe("link");
      expect(i.processId).toBe(f.processId);
      const days = (i.expiresAt.getTime() - i.createdAt.getTime()) / 86_400_000;
      expect(days).toBeCloseTo(LINK_DAYS, 1);
    }
    // Only the hash is kept: no column holds a token in clear.
    expect(stored.map((i) => i.tokenHash).sort()).toEqual(tokens.map((token) => tokenHashOf(token)).sort());
    const everything = JSON.stringify(stored);
    for (const token of tokens) expect(everything).not.toContain(token);

    const created = await db()
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.action, "survey_invitation.create"), eq(auditLog.recordId, id)));
    expect(created).toHaveLength(1);
    expect(JSON.stringify(created[0]?.detail)).not.toContain(tokens[0] ?? "-");
    expect(created[0]?.subjectPersonId ?? null).toBeNull();

    // The links open the respondents' forms.
    const parentForm = await get(t.app, null, `/svar/${tokens[0]}`);
    expect(parentForm.statusCode).toBe(200);
  });

  it("takes a meeting planned for today, and refuses one planned for a later day (nothing made)", async () => {
    const f = await linkFamily(t);
    const today = await familyMeeting(t, f, { hold: false, date: TODAY });
    const worker = await login(t.app, "barnhandlaggare");
    const ok = await get(t.app, worker, linksUrl(f, today));
    expect(ok.statusCode).toBe(200);
    expect(ok.body).toContain("Tolvan Tolvansson");

    const g = await linkFamily(t);
    const later = await familyMeeting(t, g, { hold: false, date: addDays(TODAY, 2) });
    const refused = await get(t.app, worker, linksUrl(g, later));
    expect(refused.statusCode).toBe(409);
    expect(refused.body).toContain("Enkätlänkar skapas för ett hållet möte");
    const posted = await postForm(t.app, worker, linksUrl(g, later), {});
    expect(posted.statusCode).toBe(409);
    expect(await invitationsOf(later)).toHaveLength(0);
  });

  it("hides the meeting from a caseworker not on the family (404) and refuses the analyst (403); nothing is made", async () => {
    const f = await linkFamily(t);
    const id = await familyMeeting(t, f);
    const other = await login(t.app, "handlaggare.syd");
    expect((await get(t.app, other, linksUrl(f, id))).statusCode).toBe(404);
    expect((await postForm(t.app, other, linksUrl(f, id), {})).statusCode).toBe(404);
    const analyst = await login(t.app, "analytiker");
    expect((await get(t.app, analyst, linksUrl(f, id))).statusCode).toBe(403);
    const otherToken = await apiToken(t, "handlaggare.syd", ["processes.view", "processes.work"]);
    const api = await apiCall(t.app, "POST", `/api/v1/processes/${f.processId}/meetings/${id}/survey-links`, otherToken);
    expect(api.statusCode).toBe(404);
    expect(api.headers["content-type"]).toContain("application/problem+json");
    expect(await invitationsOf(id)).toHaveLength(0);
  });
});

describe("survey links over the API", () => {
  it("returns each link once with its role, age band, instrument and expiry; a bad meeting id is problem+json", async () => {
    const f = await linkFamily(t);
    const id = await familyMeeting(t, f);
    const token = await apiToken(t, "barnhandlaggare", ["processes.view", "processes.work"]);
    const res = await apiCall(t.app, "POST", `/api/v1/processes/${f.processId}/meetings/${id}/survey-links`, token);
    expect(res.statusCode, res.body).toBe(201);
    expect(res.headers["cache-control"]).toBe("no-store");
    const body = res.json() as {
      links: Array<{ url: string; role: string; ageBand: string | null; instrumentKey: string; expiresAt: string }>;
    };
    expect(body.links.map((l) => [l.role, l.ageBand, l.instrumentKey]).sort()).toEqual([
      ["child", "6–9", "sofia-4q-child"],
      ["parent_with_problem", null, "sofia-4q-parent"],
    ]);
    for (const l of body.links) {
      expect(l.url).toMatch(/^http:\/\/[^/]+\/svar\/[0-9A-HJKMNP-TV-Z]{4}-[0-9A-HJKMNP-TV-Z]{4}-[0-9A-HJKMNP-TV-Z]{2}$/);
      expect(new Date(l.expiresAt).getTime()).toBeGreaterThan(t.clock.now().getTime() + (LINK_DAYS - 1) * 86_400_000);
    }
    const hashes = (await invitationsOf(id)).map((i) => i.tokenHash).sort();
    expect(hashes).toEqual(body.links.map((l) => tokenHashOf(l.url.split("/svar/")[1] ?? "")).sort());

    const bad = await apiCall(t.app, "POST", `/api/v1/processes/${f.processId}/meetings/not-a-uuid/survey-links`, token);
    expect(bad.statusCode).toBe(404);
    expect(bad.headers["content-type"]).toContain("application/problem+json");
    const g = await linkFamily(t);
    const later = await familyMeeting(t, g, { hold: false, date: addDays(TODAY, 3) });
    const notYet = await apiCall(t.app, "POST", `/api/v1/processes/${g.processId}/meetings/${later}/survey-links`, token);
    expect(notYet.statusCode).toBe(409);
    expect(notYet.headers["content-type"]).toContain("application/problem+json");
    expect(await db().select().from(surveyResponses).where(eq(surveyResponses.meetingId, id))).toHaveLength(0);
  });
});

describe("answer codes", () => {
  it("are 10 characters of a 32-symbol alphabet without look-alikes, 50 bits, grouped 4-4-2", () => {
    expect(CODE_ALPHABET).toHaveLength(32);
    expect(new Set(CODE_ALPHABET).size).toBe(32);
    for (const lookAlike of ["I", "L", "O", "U"]) expect(CODE_ALPHABET).not.toContain(lookAlike);
    expect(CODE_BITS).toBe(50);
    const codes = Array.from({ length: 2000 }, () => newLinkCode());
    for (const { token, tokenHash } of codes) {
      expect(token).toMatch(/^[0-9A-HJKMNP-TV-Z]{4}-[0-9A-HJKMNP-TV-Z]{4}-[0-9A-HJKMNP-TV-Z]{2}$/);
      expect(tokenHash).toBe(sha256(token.replace(/-/g, "")));
    }
    expect(new Set(codes.map((c) => c.token)).size).toBe(codes.length);
    // Every symbol turns up (2000 codes × 10 characters, 32 symbols): none is left out of the draw.
    expect(new Set(codes.flatMap((c) => [...c.token.replace(/-/g, "")])).size).toBe(32);
  });

  it("reads a typed code forgivingly and refuses what cannot be one", () => {
    expect(formatCode("K7QM4TXR9P")).toBe("K7QM-4TXR-9P");
    expect(normaliseCode("k7qm-4txr-9p")).toBe("K7QM4TXR9P");
    expect(normaliseCode(" K7QM 4TXR 9P ")).toBe("K7QM4TXR9P");
    expect(normaliseCode("K7QM-4TXR-9P")).toBe("K7QM4TXR9P");
    expect(normaliseCode("O1IL-0000-00")).toBe("0111000000");
    expect(normaliseCode("K7QM-4TXR-9")).toBeNull();
    expect(normaliseCode("K7QM-4TXR-9PQ")).toBeNull();
    expect(normaliseCode("K7QM-4TXR-9#")).toBeNull();
    expect(tokenHashOf("k7qm 4txr 9p")).toBe(tokenHashOf("K7QM-4TXR-9P"));
    const long = "a".repeat(43);
    expect(tokenHashOf(long)).toBe(sha256(long));
    expect(tokenHashOf("kort")).toBeNull();
  });
});
