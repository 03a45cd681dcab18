import { and, asc, desc, eq, sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { apiCall, apiToken, createTestApp, get, login, postForm, rerunMigration, type TestApp } from "../../../test/helpers.ts";
import { auditLog, indicators, indicatorVersions, municipalities } from "../../db/schema/index.ts";
import { decodeForm } from "../../platform/form-decode.ts";
import { placeErrors } from "../../platform/form-pages.ts";
import { translator } from "../../platform/i18n.ts";
import { computeFollowup } from "../service.ts";
import { definitionOf, editFields, errorPlaces, formValues, readForm } from "./form.ts";
import { type Definition, definitionSchema } from "./model.ts";
import { seededIndicators } from "./seed.ts";
import { conditionText } from "./views.tsx";

let t: TestApp;
const db = () => t.database.db;
let municipalityId = "";
const sv = translator("sv");

beforeAll(async () => {
  t = await createTestApp();
  const [m] = await db().select({ id: municipalities.id }).from(municipalities).orderBy(asc(municipalities.createdAt)).limit(1);
  municipalityId = m?.id ?? "";
});
afterAll(() => t.close());

const decode = (s: string) =>
  s
    .replace(/&amp;/g, "&")
    .replace(/&quot;/g, '"')
    .replace(/&#x27;|&#39;/g, "'");
const versionIn = (html: string) => /name="version" value="(\d+)"/.exec(html)?.[1] ?? "";
const goal = seededIndicators.find((s) => s.key === "mal-genomforda")?.content as Definition;

async function versionsOf(key: string) {
  return db()
    .select({
      number: indicatorVersions.number,
      status: indicatorVersions.status,
      content: indicatorVersions.content,
      version: indicatorVersions.version,
    })
    .from(indicatorVersions)
    .innerJoin(indicators, eq(indicators.id, indicatorVersions.indicatorId))
    .where(and(eq(indicators.key, key), eq(indicators.municipalityId, municipalityId)))
    .orderBy(asc(indicatorVersions.number));
}

const lastAudit = async (action: string) =>
  (await db().select().from(auditLog).where(eq(auditLog.action, action)).orderBy(desc(auditLog.at)).limit(1))[0];

describe("the form and the words (pure)", () => {
  /** What the edit page hands the service for the posted values: the decoded fields over the JSON's conditions. */
  const definitionFrom = (values: Record<string, string>, section?: Definition["section"], stored?: Definition) => {
    const form = readForm(values);
    return definitionOf(form, decodeForm(editFields, form.fields).content, section, stored);
  };

  it("keeps the section of the version it edits; a new indicator's form gives none, so it is 'other'", () => {
    expect(definitionSchema.parse(definitionFrom(formValues(goal), goal.section)).section).toBe("goals");
    expect(definitionSchema.parse(definitionFrom(formValues(goal))).section).toBe("other");
  });

  it("turns the form into the definition and back, a target with a decimal comma as a number", () => {
    const values = formValues(goal);
    expect(values.targetValue).toBe("80");
    expect(definitionSchema.parse(definitionFrom(formValues(goal), goal.section, goal))).toEqual(goal);
    const content = definitionFrom({ ...values, targetValue: "75,5" }, goal.section, goal);
    expect(content).toMatchObject({ target: { value: 75.5, direction: "at_least" } });
    expect(definitionSchema.parse(content)).toEqual({ ...goal, target: { value: 75.5, direction: "at_least" } });
    // The English name stays while its Swedish does; a changed Swedish name loses it (decision 0043).
    expect(definitionFrom({ ...values, name: "Nytt namn" }, goal.section, goal)).not.toHaveProperty("en");
    expect(definitionFrom(values)).not.toHaveProperty("en");
    // The JSON never sets a field of its own: the form's fields win, the section and the English stay.
    const sneaky = JSON.stringify({ ...JSON.parse(values.definition ?? "{}"), name: "Från JSON", section: "staff", description: "x" });
    expect(definitionSchema.parse(definitionFrom({ ...values, definition: sneaky }, goal.section, goal))).toEqual(goal);
  });

  it("names the form field of every schema path, with the place in the JSON in words, every JSON problem at once", () => {
    expect(
      placeErrors(
        {
          "content.name": "indicators.error.nameRequired",
          "content.target.value": "indicators.error.target",
          "content.numerator.0.field": "indicators.error.unknownField",
          "content.denominator.1.op": "indicators.error.operator",
        },
        sv,
        errorPlaces(sv),
      ),
    ).toEqual({
      name: "Ange indikatorns namn.",
      targetValue: "Målet är ett tal med riktningen minst eller högst; för en andel mellan 0 och 100.",
      definition: "Täljaren, villkor 1: Fältet finns inte för det som räknas. Nämnaren, villkor 2: Villkoret passar inte fältets typ.",
    });
    expect(readForm({ ...formValues(goal), definition: "{ inte json" }).unreadable).toBe("indicators.error.json");
    expect(readForm({ ...formValues(goal), definition: "[1, 2]" }).unreadable).toBe("indicators.error.jsonObject");
    const messages = (values: Record<string, string>) =>
      Object.fromEntries(
        (definitionSchema.safeParse(definitionFrom(values)).error?.issues ?? []).map((i) => [i.path.join("."), i.message]),
      );
    expect(messages({ ...formValues(goal), targetValue: "mycket" })).toEqual({ "target.value": "indicators.error.targetNumber" });
    expect(messages({ ...formValues(goal), targetValue: "7,5,5", minGroupSize: "2,5" })).toEqual({
      "target.value": "indicators.error.targetNumber",
      minGroupSize: "indicators.error.minGroupSize",
    });
    expect(messages({ ...formValues(goal), minGroupSize: "fem" })).toEqual({ minGroupSize: "indicators.error.minGroupSizeNumber" });
  });

  it("says a condition in Swedish", () => {
    expect(conditionText(sv, "family", { field: "phase", op: "in", value: ["started", "halfway", "completed"] })).toBe(
      "processens fas är något av startad, halvvägs eller genomförd",
    );
    expect(conditionText(sv, "family", { field: "started_on", op: "gte", value: "2026-01-01" })).toBe(
      "datum då serien påbörjades är tidigast 2026-01-01",
    );
    expect(conditionText(sv, "child", { field: "age", op: "gte", value: 6 })).toBe("barnets ålder vid förfrågan är minst 6");
    expect(conditionText(sv, "family", { field: "support_sought", op: "is_true" })).toBe(
      "någon i familjen har sökt eller fått fortsatt stöd stämmer",
    );
  });
});

describe("reading the indicators", () => {
  it("lists every indicator with what it counts, its target and its versions", async () => {
    const b = await login(t.app, "analytiker");
    const res = await get(t.app, b, "/uppfoljning/indikatorer");
    expect(res.statusCode).toBe(200);
    const html = decode(res.body);
    for (const s of seededIndicators)
      expect(html).toContain(`href="/uppfoljning/indikatorer/${s.key}/versioner/1">Version 1: publicerad</a>`);
    expect(html).toContain("minst 80 %");
    expect(html).toContain("Enkätsvar");
  });

  it("shows a version's definition in plain Swedish with the anchors the follow-up links to", async () => {
    const b = await login(t.app, "processledare");
    const res = await get(t.app, b, "/uppfoljning/indikatorer/mal-genomforda/versioner/1");
    expect(res.statusCode).toBe(200);
    const html = decode(res.body);
    expect(html).toContain("<h1");
    expect(html).toContain("Andel av påbörjade familjer som genomför serien, version 1");
    expect(html).toContain('id="taljare"');
    expect(html).toContain('id="namnare"');
    expect(html).toContain("<li>processens fas är något av startad, halvvägs eller genomförd</li>");
    expect(html).toContain("<li>processens fas är genomförd</li>");
    expect(html).toContain("Familjer (förfrågningar) räknas i perioden när datum då serien påbörjades ligger i perioden.");
    expect(html).toContain("minst 80 %");
    expect(html).toContain("Kommunens minsta gruppstorlek (5)");
    expect((await get(t.app, b, "/uppfoljning/indikatorer/finns-inte/versioner/1")).statusCode).toBe(404);
    expect((await get(t.app, b, "/uppfoljning/indikatorer/mal-genomforda/versioner/9")).statusCode).toBe(404);
  });

  it("is refused to a caseworker, pages and API", async () => {
    const b = await login(t.app, "barnhandlaggare");
    expect((await get(t.app, b, "/uppfoljning/indikatorer")).statusCode).toBe(403);
    expect((await get(t.app, b, "/uppfoljning/indikatorer/mal-genomforda/versioner/1")).statusCode).toBe(403);
    expect((await postForm(t.app, b, "/uppfoljning/indikatorer/mal-genomforda/utkast", {})).statusCode).toBe(403);
    const token = await apiToken(t, "barnhandlaggare", ["followup.view", "indicators.manage"]);
    expect((await apiCall(t.app, "GET", "/api/v1/indicators", token)).statusCode).toBe(403);
    expect((await apiCall(t.app, "POST", "/api/v1/indicators/mal-genomforda/drafts", token)).statusCode).toBe(403);
    expect(await versionsOf("mal-genomforda")).toHaveLength(1);
  });
});

describe("changing an indicator (analyst with indicators.manage)", () => {
  it("drafts, refuses a definition that does not parse with the reasons and changes nothing, saves a good one and publishes", async () => {
    const b = await login(t.app, "analytiker");
    const draft = await postForm(t.app, b, "/uppfoljning/indikatorer/mal-genomforda/utkast", {});
    expect(draft.statusCode).toBe(303);
    expect(draft.headers.location).toBe("/uppfoljning/indikatorer/mal-genomforda/versioner/2/andra");
    expect((await lastAudit("indicator.draft_create"))?.detail).toMatchObject({ number: 2, copiedFrom: 1 });

    const form = await get(t.app, b, "/uppfoljning/indikatorer/mal-genomforda/versioner/2/andra");
    expect(form.statusCode).toBe(200);
    const version = versionIn(form.body);
    const before = await versionsOf("mal-genomforda");

    const badConditions = JSON.stringify({
      unit: "family",
      periodDate: "started_on",
      denominator: [{ field: "shoe_size", op: "eq", value: 42 }],
      numerator: [{ field: "phase", op: "eq", value: "finished" }],
      groupBy: null,
    });
    const bad = await postForm(t.app, b, "/uppfoljning/indikatorer/mal-genomforda/versioner/2/andra", {
      ...formValues(goal),
      name: "",
      definition: badConditions,
      version,
    });
    expect(bad.statusCode).toBe(400);
    const html = decode(bad.body);
    expect(html).toContain('href="#f-name"');
    expect(html).toContain("Ange indikatorns namn.");
    expect(html).toContain("Nämnaren, villkor 1: Fältet finns inte för det som räknas.");
    expect(html).toContain("Täljaren, villkor 1: Värdet passar inte fältet");
    expect(await versionsOf("mal-genomforda")).toEqual(before);

    const notJson = await postForm(t.app, b, "/uppfoljning/indikatorer/mal-genomforda/versioner/2/andra", {
      ...formValues(goal),
      definition: "{ unit: family",
      version,
    });
    expect(notJson.statusCode).toBe(400);
    expect(notJson.body).toContain("Definitionen är inte giltig JSON.");
    expect(await versionsOf("mal-genomforda")).toEqual(before);

    // Every error at once: the unreadable JSON, an empty name, a bad decimal and a group size that is no whole number.
    const several = await postForm(t.app, b, "/uppfoljning/indikatorer/mal-genomforda/versioner/2/andra", {
      ...formValues(goal),
      name: " ",
      targetValue: "75,5,5",
      minGroupSize: "fem",
      definition: "{ unit: family",
      version,
    });
    expect(several.statusCode).toBe(400);
    const summary = decode(several.body);
    for (const [field, message] of [
      ["name", "Ange indikatorns namn."],
      ["targetValue", "Målet ska vara ett tal, t.ex. 80 eller 30,5."],
      ["minGroupSize", "Minsta gruppstorlek är ett heltal 2–50."],
      ["definition", "Definitionen är inte giltig JSON."],
    ]) {
      expect(summary).toContain(`href="#f-${field}"`);
      expect(summary).toContain(message);
    }
    expect(summary).toContain('value="75,5,5"');
    expect(await versionsOf("mal-genomforda")).toEqual(before);

    // A bad decimal alone is refused at its field; a good one with a decimal comma is read as a number.
    const badDecimal = await postForm(t.app, b, "/uppfoljning/indikatorer/mal-genomforda/versioner/2/andra", {
      ...formValues(goal),
      targetValue: "75.5,5",
      version,
    });
    expect(badDecimal.statusCode).toBe(400);
    expect(decode(badDecimal.body)).toContain("Målet ska vara ett tal, t.ex. 80 eller 30,5.");
    expect(await versionsOf("mal-genomforda")).toEqual(before);

    const good = await postForm(t.app, b, "/uppfoljning/indikatorer/mal-genomforda/versioner/2/andra", {
      ...formValues(goal),
      targetValue: "75,5",
      minGroupSize: "3",
      version,
    });
    expect(good.statusCode).toBe(303);
    expect(good.headers.location).toBe("/uppfoljning/indikatorer/mal-genomforda/versioner/2?klart=sparat");
    const saved = (await versionsOf("mal-genomforda"))[1];
    expect(saved?.content).toMatchObject({ target: { value: 75.5, direction: "at_least" }, minGroupSize: 3, en: goal.en });
    expect((await lastAudit("indicator.draft_update"))?.recordType).toBe("indicator_version");

    const confirm = await get(t.app, b, "/uppfoljning/indikatorer/mal-genomforda/versioner/2/publicera");
    expect(confirm.statusCode).toBe(200);
    const published = await postForm(t.app, b, "/uppfoljning/indikatorer/mal-genomforda/versioner/2/publicera", {
      version: versionIn(confirm.body),
    });
    expect(published.statusCode).toBe(303);
    expect((await versionsOf("mal-genomforda")).map((v) => v.status)).toEqual(["retired", "published"]);
    expect((await lastAudit("indicator.publish"))?.detail).toMatchObject({ number: 2, retired: [1] });

    // The follow-up counts with the new version and links to it.
    const data = await computeFollowup(db(), municipalityId, { from: "2025-01-01", to: "2026-12-31" }, t.clock.today());
    const figures = data.indicators.find((i) => i.key === "mal-genomforda");
    expect(figures?.version).toBe(2);
    expect(figures?.minGroupSize).toBe(3);
    expect(figures?.definition.target?.value).toBe(75.5);
  });

  it("refuses over the API a definition that does not parse with the field paths, and changes nothing", async () => {
    const token = await apiToken(t, "analytiker", ["followup.view", "indicators.manage"]);
    const created = await apiCall(t.app, "POST", "/api/v1/indicators/stod-ovriga/drafts", token);
    expect(created.statusCode).toBe(201);
    const draft = created.json();
    expect(draft.number).toBe(2);
    const before = await versionsOf("stod-ovriga");
    const bad = await apiCall(t.app, "PUT", "/api/v1/indicators/stod-ovriga/versions/2", token, {
      version: draft.version,
      content: { ...draft.content, display: "count", numerator: [{ field: "phase", op: "gt", value: "started" }] },
    });
    expect(bad.statusCode).toBe(400);
    expect(bad.headers["content-type"]).toContain("application/problem+json");
    expect(bad.json().errors).toEqual(
      expect.arrayContaining([{ field: "content.numerator.0.op", message: "Villkoret passar inte fältets typ." }]),
    );
    expect(await versionsOf("stod-ovriga")).toEqual(before);

    const ok = await apiCall(t.app, "PUT", "/api/v1/indicators/stod-ovriga/versions/2", token, {
      version: draft.version,
      content: { ...draft.content, target: { value: 30, direction: "at_least" } },
    });
    expect(ok.statusCode).toBe(200);
    const stale = await apiCall(t.app, "POST", "/api/v1/indicators/stod-ovriga/versions/2/publish", token, { version: draft.version });
    expect(stale.statusCode).toBe(409);
    const publish = await apiCall(t.app, "POST", "/api/v1/indicators/stod-ovriga/versions/2/publish", token, {
      version: ok.json().version,
    });
    expect(publish.statusCode).toBe(200);
    expect(publish.json().status).toBe("published");
    const list = await apiCall(t.app, "GET", "/api/v1/indicators", token);
    expect(
      list
        .json()
        .find((i: { key: string }) => i.key === "stod-ovriga")
        .versions.map((v: { status: string }) => v.status),
    ).toEqual(["retired", "published"]);
    const editPublished = await apiCall(t.app, "PUT", "/api/v1/indicators/stod-ovriga/versions/2", token, {
      version: publish.json().version,
      content: draft.content,
    });
    expect(editPublished.statusCode).toBe(409);
  });

  it("creates a new indicator as a draft, refusing a taken key and a bad definition; once published the follow-up shows it", async () => {
    const b = await login(t.app, "analytiker");
    const newForm = await get(t.app, b, "/uppfoljning/indikatorer/ny");
    expect(newForm.statusCode).toBe(200);
    const conditions = JSON.stringify({
      unit: "child",
      periodDate: "request_date",
      denominator: [{ field: "age", op: "gte", value: 13 }],
      numerator: [{ field: "child_meeting_held", op: "is_true" }],
      groupBy: null,
    });
    const fields = {
      key: "barnsamtal-tonaringar",
      name: "Barnsamtal med tonåringar",
      description: "Barn från 13 år.",
      display: "percent",
      targetValue: "",
      targetDirection: "at_least",
      minGroupSize: "",
      definition: conditions,
    };
    const count = async () => (await db().select({ n: sql<number>`count(*)::int` }).from(indicators)).at(0)?.n ?? 0;
    const n = await count();

    const taken = await postForm(t.app, b, "/uppfoljning/indikatorer/ny", { ...fields, key: "mal-genomforda" });
    expect(taken.statusCode).toBe(400);
    expect(taken.body).toContain("Det finns redan en indikator med den nyckeln.");
    const badKey = await postForm(t.app, b, "/uppfoljning/indikatorer/ny", { ...fields, key: "Barn Samtal", definition: "{}" });
    expect(badKey.statusCode).toBe(400);
    expect(decode(badKey.body)).toContain("Nyckeln får ha små bokstäver");
    expect(decode(badKey.body)).toContain("Det som räknas: Välj vad som räknas");
    expect(await count()).toBe(n);

    const created = await postForm(t.app, b, "/uppfoljning/indikatorer/ny", fields);
    expect(created.statusCode).toBe(303);
    expect(created.headers.location).toBe("/uppfoljning/indikatorer/barnsamtal-tonaringar/versioner/1?klart=skapad");
    expect(await count()).toBe(n + 1);
    expect((await lastAudit("indicator.create"))?.detail).toMatchObject({ key: "barnsamtal-tonaringar", number: 1 });
    const page = await get(t.app, b, "/uppfoljning/indikatorer/barnsamtal-tonaringar/versioner/1");
    expect(decode(page.body)).toContain("<li>barnets ålder vid förfrågan är minst 13</li>");

    const year = { from: "2025-01-01", to: "2026-12-31" };
    expect(
      (await computeFollowup(db(), municipalityId, year, t.clock.today())).indicators.some((i) => i.key === "barnsamtal-tonaringar"),
    ).toBe(false);
    const confirm = await get(t.app, b, "/uppfoljning/indikatorer/barnsamtal-tonaringar/versioner/1/publicera");
    await postForm(t.app, b, "/uppfoljning/indikatorer/barnsamtal-tonaringar/versioner/1/publicera", { version: versionIn(confirm.body) });
    const shown = (await computeFollowup(db(), municipalityId, year, t.clock.today())).indicators.find(
      (i) => i.key === "barnsamtal-tonaringar",
    );
    expect(shown?.section).toBe("other");
    const followup = await get(t.app, b, `/uppfoljning?from=${year.from}&to=${year.to}`);
    expect(decode(followup.body)).toContain("Övriga indikatorer");
    expect(decode(followup.body)).toContain(
      'href="/uppfoljning/indikatorer/barnsamtal-tonaringar/versioner/1">Barnsamtal med tonåringar</a>',
    );

    const token = await apiToken(t, "analytiker", ["indicators.manage"]);
    const api = await apiCall(t.app, "POST", "/api/v1/indicators", token, { key: "ny-via-api", content: { name: "" } });
    expect(api.statusCode).toBe(400);
    expect(api.json().errors.map((e: { field: string }) => e.field)).toEqual(expect.arrayContaining(["content.name", "content.unit"]));
  });

  it("lets a unit manager read the indicators but not change them", async () => {
    const b = await login(t.app, "enhetschef");
    expect((await get(t.app, b, "/uppfoljning/indikatorer")).statusCode).toBe(200);
    expect((await get(t.app, b, "/uppfoljning/indikatorer/ny")).statusCode).toBe(403);
    expect((await postForm(t.app, b, "/uppfoljning/indikatorer/mal-fortsatt-stod/utkast", {})).statusCode).toBe(403);
  });
});

describe("migration 0017: indicator sections", () => {
  it("gives stored published versions the section the follow-up showed them in, and they stay immutable", async () => {
    const [m] = await db().insert(municipalities).values({ name: "Migrerad kommun", code: "0017" }).returning();
    const { section: _s, ...withoutSection } = goal;
    const stored: Record<string, string> = {};
    for (const key of ["mal-genomforda", "svarsfrekvens", "fordelning-barn-helhet", "egen-indikator"]) {
      const [document] = await db()
        .insert(indicators)
        .values({ municipalityId: m?.id ?? "", key, name: key })
        .returning();
      const [version] = await db()
        .insert(indicatorVersions)
        .values({ indicatorId: document?.id ?? "", number: 1, content: withoutSection, status: "published", publishedAt: new Date() })
        .returning();
      stored[key] = version?.id ?? "";
    }
    // Twice: a version that has its section keeps it.
    await rerunMigration(t.database, "0017_indicator_sections.sql");
    const sectionOf = async (id: string) =>
      ((await db().select().from(indicatorVersions).where(eq(indicatorVersions.id, id)))[0]?.content as Definition | undefined)?.section;
    expect(await sectionOf(stored["mal-genomforda"] ?? "")).toBe("goals");
    expect(await sectionOf(stored.svarsfrekvens ?? "")).toBe("answers");
    expect(await sectionOf(stored["fordelning-barn-helhet"] ?? "")).toBe("answers");
    expect(await sectionOf(stored["egen-indikator"] ?? "")).toBe("other");
    const refused = await db()
      .execute(sql`update indicator_versions set content = '{}'::jsonb where id = ${stored.svarsfrekvens ?? ""}`)
      .then(
        () => "allowed",
        (e: Error & { cause?: Error }) => e.cause?.message ?? e.message,
      );
    expect(refused).toMatch(/cannot be changed/);
  });
});

describe("English names (decision 0043)", () => {
  it("shows the seeded indicators by their English names on the follow-up page in English, by their Swedish ones in Swedish", async () => {
    const b = await login(t.app, "analytiker");
    const english = await get(t.app, { ...b, cookie: `${b.cookie}; sofia_lang=en` }, "/uppfoljning");
    expect(english.statusCode).toBe(200);
    expect(english.body).toContain("Share of started families that complete the series");
    expect(english.body).toContain("Consultation stops held on time");
    expect(english.body).not.toContain("Andel av påbörjade familjer som genomför serien");
    const swedish = await get(t.app, b, "/uppfoljning");
    expect(swedish.body).toContain("Andel av påbörjade familjer som genomför serien");
    expect(swedish.body).not.toContain("Share of started families that complete the series");
  });

  it("migration 0021 gives stored versions of the seeded indicators their English name, by their seeded (or former) Swedish name only", async () => {
    const [m] = await db().insert(municipalities).values({ name: "Engelsk kommun", code: "0021" }).returning();
    const seeded = (key: string) => {
      const found = seededIndicators.find((s) => s.key === key);
      if (!found) throw new Error("seed changed");
      const { en: _, ...content } = found.content;
      return content;
    };
    const versions: Array<[string, Record<string, unknown>]> = [
      ["mal-genomforda", seeded("mal-genomforda")],
      // Seeded before the glossary as "Barnsamtal …": still the seeded indicator.
      ["barnsamtal-hallna", { ...seeded("barnsamtal-hallna"), name: "Barnsamtal hållna av möjliga" }],
      // Renamed by the municipality: its own words get no translation of something else.
      ["svarsfrekvens", { ...seeded("svarsfrekvens"), name: "Våra svar" }],
      ["egen-indikator", { ...seeded("mal-genomforda"), name: "Egen" }],
    ];
    const stored: Record<string, string> = {};
    for (const [key, content] of versions) {
      const [document] = await db()
        .insert(indicators)
        .values({ municipalityId: m?.id ?? "", key, name: key })
        .returning();
      const [version] = await db()
        .insert(indicatorVersions)
        .values({ indicatorId: document?.id ?? "", number: 1, content, status: "published", publishedAt: new Date() })
        .returning();
      stored[key] = version?.id ?? "";
    }
    await rerunMigration(t.database, "0021_english_names.sql");
    const englishOf = async (key: string) =>
      (
        (
          await db()
            .select()
            .from(indicatorVersions)
            .where(eq(indicatorVersions.id, stored[key] ?? ""))
        )[0]?.content as Definition | undefined
      )?.en;
    expect(await englishOf("mal-genomforda")).toEqual({ name: "Share of started families that complete the series" });
    expect(await englishOf("barnsamtal-hallna")).toEqual({ name: "Child meetings held of those possible" });
    expect(await englishOf("svarsfrekvens")).toBeUndefined();
    expect(await englishOf("egen-indikator")).toBeUndefined();
    const refused = await db()
      .execute(sql`update indicator_versions set content = '{}'::jsonb where id = ${stored["mal-genomforda"] ?? ""}`)
      .then(
        () => "allowed",
        (e: Error & { cause?: Error }) => e.cause?.message ?? e.message,
      );
    expect(refused).toMatch(/cannot be changed/);
  });
});
