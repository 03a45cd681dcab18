/**
 * The family's language (issue 14 item 7, decision 0042) through the HTTP app on a real
 * PostgreSQL: the four questions in seven languages with five marked for a native speaker's
 * review; an administrator confirms one language at a time (audited, refused for anyone else or
 * for a language not under review); the family's language on the request starts the links and the
 * kiosk in it, right to left for Persian and Arabic, and the respondent can switch.
 */
import { and, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { decidedFamily } from "../../test/fixtures.ts";
import { anonymous, createTestApp, get, login, postForm, type TestApp } from "../../test/helpers.ts";
import {
  auditLog,
  requests,
  surveyInstruments,
  surveyInstrumentVersions,
  surveyInvitations,
  surveyResponses,
  surveyTranslationConfirmations,
} from "../db/schema/index.ts";
import { dirOf, endonyms, htmlLang, respondentKeys, respondentLanguages, respondentWords } from "./languages.ts";
import { familyMeeting, type LinkFamily, linksUrl, tokensFrom } from "./links/test-setup.ts";
import { type Content, contentSchema } from "./model.ts";
import { seedFamilyLanguagesEverywhere, sofiaChild, sofiaParent } from "./seed.ts";

let t: TestApp;
const db = () => t.database.db;

beforeAll(async () => {
  t = await createTestApp();
});
afterAll(() => t.close());

const seven = ["sv", "sv-x-ll", "en", "ar", "fa", "so", "fi"];
const versionIn = (html: string) => /name="version" value="(\d+)"/.exec(html)?.[1] ?? "";

describe("the seeded four questions and the respondents' words", () => {
  it("give the parent and child questions in seven languages, the five new ones marked for review", () => {
    for (const content of [sofiaParent, sofiaChild]) {
      expect(content.languages).toEqual(seven);
      expect(content.review).toEqual(["sv-x-ll", "ar", "fa", "so", "fi"]);
      expect(contentSchema.safeParse(content).success).toBe(true);
      for (const item of content.items) for (const lang of seven) expect(item.texts[lang]?.length).toBeGreaterThan(3);
    }
    expect(sofiaParent.items[0]?.texts.fa).toBe("آیا اطلاعات کافی دریافت کردید؟");
  });

  it("refuses Swedish or an undeclared language as under review, and a malformed code", () => {
    const issues = (c: unknown) => (contentSchema.safeParse(c).error?.issues ?? []).map((i) => `${i.path.join(".")}:${i.message}`);
    expect(issues({ ...sofiaParent, review: ["sv"] })).toContain("review:surveys.error.languageNotDeclared");
    expect(issues({ ...sofiaParent, review: ["de"] })).toContain("review:surveys.error.languageNotDeclared");
    expect(issues({ ...sofiaParent, languages: [...seven, "sv-easy"] }).some((i) => i.endsWith("surveys.error.language"))).toBe(true);
  });

  it("has every word of the answer screens in every language, right to left for Arabic and Persian only", () => {
    for (const lang of respondentLanguages) {
      const words = respondentWords(lang);
      for (const key of respondentKeys) expect(words[key]?.trim().length, `${lang} ${key}`).toBeGreaterThan(0);
      expect(words["answer.progress"]).toContain("{n}");
      expect(words["answer.progress"]).toContain("{total}");
      expect(endonyms[lang].length).toBeGreaterThan(0);
    }
    expect(respondentLanguages.filter((l) => dirOf(l) === "rtl")).toEqual(["ar", "fa"]);
    expect(htmlLang("sv-x-ll")).toBe("sv");
    expect(respondentWords("ar")["answer.thanks.title"]).toBe("شكرًا على إجاباتك!");
  });
});

describe("confirming a translation on the instrument page", () => {
  const page = "/enkater/sofia-4q-parent/1";
  const confirm = `${page}/oversattning`;
  const confirmations = () => db().select().from(surveyTranslationConfirmations);
  const audited = () => db().select().from(auditLog).where(eq(auditLog.action, "survey_instrument.translation_confirm"));

  it("lists the languages to review; an administrator confirms one (audited, once); others and bad languages change nothing", async () => {
    const admin = await login(t.app, "admin");
    const before = await get(t.app, admin, page);
    expect(before.statusCode).toBe(200);
    expect(before.body).toContain("Översättningar som ska granskas");
    expect(before.body.match(/Behöver granskas av någon med språket som modersmål/g)).toHaveLength(5);
    expect(before.body).toContain("Bekräfta att Arabiska är granskad");

    const worker = await login(t.app, "barnhandlaggare");
    const refused = await postForm(t.app, worker, confirm, { language: "ar" });
    expect(refused.statusCode).toBe(403);
    const swedish = await postForm(t.app, admin, confirm, { language: "sv" });
    expect(swedish.statusCode).toBe(400);
    expect(swedish.body).toContain("Välj ett språk som väntar på granskning i den här versionen.");
    expect(await confirmations()).toHaveLength(0);

    const done = await postForm(t.app, admin, confirm, { language: "ar" });
    expect(done.statusCode, done.body.slice(0, 1500)).toBe(303);
    expect(done.headers.location).toBe(`${page}?klart=bekraftad`);
    const again = await postForm(t.app, admin, confirm, { language: "ar" });
    expect(again.statusCode).toBe(303);
    expect((await confirmations()).map((c) => c.language)).toEqual(["ar"]);
    const rows = await audited();
    expect(rows).toHaveLength(1);
    expect(rows[0]?.detail).toMatchObject({ language: "ar", number: 1 });

    const after = await get(t.app, admin, `${page}?klart=bekraftad`);
    expect(after.body).toContain("Översättningen är bekräftad som granskad.");
    expect(after.body.match(/Behöver granskas av någon med språket som modersmål/g)).toHaveLength(4);
    expect(after.body).toContain("Granskad, bekräftad av");
    expect(after.body).not.toContain("Bekräfta att Arabiska är granskad");
    // The preview in Persian is right to left.
    expect((await get(t.app, admin, `${page}?sprak=fa`)).body).toContain('lang="fa" dir="rtl"');
  });
});

describe("the family's language starts the links and the kiosk", () => {
  async function persianFamily(): Promise<LinkFamily> {
    const f = await decidedFamily(t);
    const worker = await login(t.app, "barnhandlaggare");
    const url = `/forfragningar/${f.requestId}/kontakt`;
    const edit = await get(t.app, worker, url);
    expect(edit.body).toContain("Familjens språk i enkäterna");
    const fields = { version: versionIn(edit.body), caseFileNumber: "", contactPhone: "", contactEmail: "", contactPersonId: "" };
    const bad = await postForm(t.app, worker, url, { ...fields, familyLanguage: "klingon" });
    expect(bad.statusCode).toBe(400);
    expect(bad.body).toContain("Välj ett av språken i listan.");
    const saved = await postForm(t.app, worker, url, {
      ...fields,
      interpreterNeeded: "on",
      interpreterLanguage: "persiska",
      familyLanguage: "fa",
    });
    expect(saved.statusCode, saved.body.slice(0, 1500)).toBe(303);
    const [row] = await db().select().from(requests).where(eq(requests.id, f.requestId));
    expect(row?.familyLanguage).toBe("fa");
    const shown = await get(t.app, worker, `/forfragningar/${f.requestId}`);
    expect(shown.body).toContain("Persiska");
    return { processId: f.processId, guardian: f.person("Tolvan Tolvansson"), child: f.person("Lilla Tolvansson"), staff: f.staff };
  }

  it("makes links in Persian, right to left, with a note while unreviewed; the respondent can switch; the answer is stored", async () => {
    const f = await persianFamily();
    const id = await familyMeeting(t, f);
    const worker = await login(t.app, "barnhandlaggare");
    const handout = await postForm(t.app, worker, linksUrl(f, id), {});
    expect(handout.statusCode, handout.body.slice(0, 1500)).toBe(200);
    const invitations = await db().select().from(surveyInvitations).where(eq(surveyInvitations.meetingId, id));
    expect(invitations.map((i) => i.language)).toEqual(["fa", "fa"]);
    const [parentToken] = tokensFrom(handout.body);

    const form = await get(t.app, null, `/svar/${parentToken}`);
    expect(form.statusCode).toBe(200);
    expect(form.body).toContain('<html lang="fa" dir="rtl"');
    expect(form.body).toContain("آیا اطلاعات کافی دریافت کردید؟");
    expect(form.body).toContain("ارسال پاسخ‌ها");
    expect(form.body).toContain("این ترجمه هنوز توسط یک گویشور بومی بررسی نشده است.");
    expect(form.body).toContain('data-speech-lang="fa-IR"');
    expect(form.body).toContain(`href="/svar/${parentToken}?sprak=fi"`);

    const finnish = await get(t.app, null, `/svar/${parentToken}?sprak=fi`);
    expect(finnish.body).toContain('<html lang="fi" dir="ltr"');
    expect(finnish.body).toContain("Saitko tarpeeksi tietoa?");
    // A language the version lacks falls back to the family's.
    expect((await get(t.app, null, `/svar/${parentToken}?sprak=de`)).body).toContain('<html lang="fa" dir="rtl"');

    const family = await anonymous(t.app);
    // An answer without a choice gets the respondent's words in Persian and stores nothing.
    const empty = await postForm(t.app, family, `/svar/${parentToken}`, { sprak: "fa", complete: "1" });
    expect(empty.statusCode).toBe(400);
    expect(empty.body).toContain("دست‌کم به یک پرسش پاسخ دهید.");
    expect(await db().select().from(surveyResponses).where(eq(surveyResponses.meetingId, id))).toHaveLength(0);

    const sent = await postForm(t.app, family, `/svar/${parentToken}`, {
      sprak: "fa",
      complete: "1",
      "answers.information": "4",
      "answers.lyssnad-pa": "3",
      "answers.prata-om-alkohol-droger": "dont_know",
      "answers.helhet": "4",
    });
    expect(sent.statusCode).toBe(303);
    expect(sent.headers.location).toBe("/svar/tack?sprak=fa");
    const thanks = await get(t.app, null, "/svar/tack?sprak=fa");
    expect(thanks.body).toContain('<html lang="fa" dir="rtl"');
    expect(thanks.body).toContain("از پاسخ‌های شما سپاسگزاریم!");
    const stored = await db()
      .select()
      .from(surveyResponses)
      .where(and(eq(surveyResponses.meetingId, id), eq(surveyResponses.mode, "link")));
    expect(stored.map((r) => [r.respondentRole, r.complete])).toEqual([["parent_with_problem", true]]);

    // Once an administrator confirms Persian for the child's version, the note is gone there.
    const admin = await login(t.app, "admin");
    expect((await postForm(t.app, admin, "/enkater/sofia-4q-child/1/oversattning", { language: "fa" })).statusCode).toBe(303);
    const [, childToken] = tokensFrom(handout.body);
    const child = await get(t.app, null, `/svar/${childToken}`);
    expect(child.body).toContain("به نظرت جلسه چطور بود؟");
    expect(child.body).not.toContain("این ترجمه هنوز توسط یک گویشور بومی بررسی نشده است.");
  });

  it("starts the kiosk's turns in the family's language, and the respondent can switch", async () => {
    const f = await persianFamily();
    const id = await familyMeeting(t, f);
    const worker = await login(t.app, "barnhandlaggare");
    const start = `/processer/${f.processId}/moten/${id}/surfplatta`;
    const started = await postForm(t.app, worker, start, {
      [`turn.${f.guardian}`]: "on",
      [`order.${f.guardian}`]: "1",
      [`turn.${f.child}`]: "on",
      [`order.${f.child}`]: "2",
    });
    expect(started.headers.location, started.body.slice(0, 1500)).toBe("/kiosk");
    // The family's first screen, "Nu är det din tur", in Persian; the staff link stays Swedish.
    const home = await get(t.app, worker, "/kiosk");
    expect(home.body).toContain('<html lang="fa" dir="rtl"');
    expect(home.body).toContain("حالا نوبت شماست");
    expect(home.body).toContain("شما به‌عنوان والد پاسخ می‌دهید");
    expect(home.body).toContain("För personalen");
    const turn = await get(t.app, worker, "/kiosk/svar/1");
    expect(turn.body).toContain('<html lang="fa" dir="rtl"');
    expect(turn.body).toContain("آیا اطلاعات کافی دریافت کردید؟");
    expect(turn.body).toContain('href="/kiosk/svar/1?sprak=sv-x-ll"');
    const easy = await get(t.app, worker, "/kiosk/svar/1?sprak=sv-x-ll");
    expect(easy.body).toContain('<html lang="sv" dir="ltr"');
    expect(easy.body).toContain("Fick du veta det du behövde?");
    expect(easy.body).toContain("Texten på lättläst svenska är inte kontrollerad än.");
  });
});

describe("an install seeded before the family's languages", () => {
  it("gets the four questions in seven languages as a new version, once, unless the municipality changed the wording or has a draft", async () => {
    const admin = await login(t.app, "admin");
    const versions = (key: string) =>
      db()
        .select({
          number: surveyInstrumentVersions.number,
          status: surveyInstrumentVersions.status,
          content: surveyInstrumentVersions.content,
        })
        .from(surveyInstrumentVersions)
        .innerJoin(surveyInstruments, eq(surveyInstruments.id, surveyInstrumentVersions.instrumentId))
        .where(eq(surveyInstruments.key, key))
        .orderBy(surveyInstrumentVersions.number);
    // The parent's questions as they were seeded before: Swedish and English, published as version 2.
    const svEn = (texts: Record<string, string>) => ({ sv: texts.sv ?? "", en: texts.en ?? "" });
    const old = {
      ...sofiaParent,
      languages: ["sv", "en"],
      review: undefined,
      name: svEn(sofiaParent.name),
      items: sofiaParent.items.map((i) => ({ ...i, texts: svEn(i.texts) })),
      scale: { ...sofiaParent.scale, options: sofiaParent.scale.options.map((o) => ({ ...o, labels: svEn(o.labels) })) },
    };
    const asDraft = async (key: string, content: unknown) => {
      const created = await postForm(t.app, admin, `/enkater/${key}/utkast`, {});
      const n = /\/enkater\/[^/]+\/(\d+)\/andra/.exec(String(created.headers.location))?.[1] ?? "";
      const [draft] = await db()
        .select({ id: surveyInstrumentVersions.id })
        .from(surveyInstrumentVersions)
        .innerJoin(surveyInstruments, eq(surveyInstruments.id, surveyInstrumentVersions.instrumentId))
        .where(and(eq(surveyInstruments.key, key), eq(surveyInstrumentVersions.number, Number(n))));
      await db()
        .update(surveyInstrumentVersions)
        .set({ content })
        .where(eq(surveyInstrumentVersions.id, draft?.id ?? ""));
      return n;
    };
    const n = await asDraft("sofia-4q-parent", old);
    expect((await postForm(t.app, admin, `/enkater/sofia-4q-parent/${n}/publicera`, { version: "1" })).statusCode).toBe(303);
    // The child's questions with the municipality's own Swedish wording: left alone.
    const own = { ...old, audience: "child", follows: sofiaChild.follows, name: { sv: "Våra frågor till barn", en: "Our questions" } };
    const m = await asDraft("sofia-4q-child", own);
    expect((await postForm(t.app, admin, `/enkater/sofia-4q-child/${m}/publicera`, { version: "1" })).statusCode).toBe(303);

    await seedFamilyLanguagesEverywhere(db());
    await seedFamilyLanguagesEverywhere(db());
    const parent = await versions("sofia-4q-parent");
    expect(parent.map((v) => [v.number, v.status])).toEqual([
      [1, "retired"],
      [2, "retired"],
      [3, "published"],
    ]);
    const third = parent[2]?.content as Content | undefined;
    expect(third?.languages).toEqual(seven);
    expect(third?.review).toEqual(["sv-x-ll", "ar", "fa", "so", "fi"]);
    expect((await versions("sofia-4q-child")).map((v) => [v.number, v.status])).toEqual([
      [1, "retired"],
      [2, "published"],
    ]);
  });
});
