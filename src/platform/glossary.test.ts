/**
 * One glossary in the catalogs (decision 0043): every domain term is in both catalogs, and no
 * catalog text uses a variant spelling or a synonym in its place. The catalogs are the running
 * app's, merged from the platform and every module (test/setup.ts installs them as buildApp does).
 */
import { describe, expect, it } from "vitest";
import { glossary, glossaryMessages, variantsIn } from "./glossary.ts";
import { messages } from "./i18n.ts";

describe("the glossary", () => {
  it("is in both catalogs, each term as glossary.<key>", () => {
    expect(glossary.length).toBeGreaterThanOrEqual(15);
    for (const term of glossary) {
      expect(messages.sv[`glossary.${term.key}`]).toBe(term.sv);
      expect(messages.en[`glossary.${term.key}`]).toBe(term.en);
    }
    expect(Object.keys(glossaryMessages.sv).sort()).toEqual(Object.keys(glossaryMessages.en).sort());
  });

  it("no variant matches the term it stands against", () => {
    const terms = { sv: {} as Record<string, string>, en: {} as Record<string, string> };
    for (const t of glossary) {
      terms.sv[t.key] = `${t.sv} ${t.sv}en ${t.sv[0]?.toUpperCase()}${t.sv.slice(1)}`;
      terms.en[t.key] = `${t.en} ${t.en[0]?.toUpperCase()}${t.en.slice(1)}s`;
    }
    expect(variantsIn(terms)).toEqual([]);
  });

  it("holds issue 15's terms (the committee's evidence), and finds their variants", () => {
    for (const key of ["budgetPerCategory", "diaryNumber", "decisionProposal", "keyFigures", "yearAgainstYear", "answerPeriod"])
      expect(glossary.map((t) => t.key)).toContain(key);
    const found = variantsIn({
      sv: { "a.proposal": "Skriv beslutsförslag", "a.ok": "Förslag till beslut och nyckeltal" },
      en: { "a.kpi": "The KPIs", "a.yoy": "Year-on-year page", "a.ok": "Key figures, year against year" },
    });
    expect(found.map((f) => [f.locale, f.where, f.term])).toEqual([
      ["sv", "a.proposal", "förslag till beslut"],
      ["en", "a.kpi", "key figures"],
      ["en", "a.yoy", "year against year"],
    ]);
  });

  it("finds a variant made on purpose, in Swedish and in English", () => {
    const catalog = {
      sv: {
        "a.ok": "Planera Sofiamöte och barnmöte med processledaren",
        "a.hyphen": "Planera Sofia-möte",
        "a.synonym": "Boka barnsamtal",
        "a.spelling": "Välj process-ledare och handlaggare",
        "a.stop": "Konsultationsstopp att göra",
        "a.phase": "Påbörjad",
      },
      en: {
        "a.ok": "Plan the Sofia meeting and the family meeting",
        "a.case": "Plan the Family Meeting",
        "a.synonym": "An addiction caseworker joins",
        "a.referral": "A new referral",
        "a.reReferral": "Re-referral of a parent",
      },
    };
    const found = variantsIn(catalog).map((v) => `${v.locale} ${v.where} ${v.found}`);
    expect(found.sort()).toEqual(
      [
        "sv a.hyphen Sofia-möte",
        "sv a.synonym barnsamtal",
        "sv a.spelling process-ledare",
        "sv a.spelling handlaggare",
        "sv a.stop Konsultationsstopp",
        "sv a.phase Påbörjad",
        "en a.case Family Meeting",
        "en a.synonym addiction caseworker",
        "en a.referral referral",
      ].sort(),
    );
  });

  it("the catalogs use the terms, never a variant", () => {
    expect(variantsIn(messages).map((v) => `${v.locale} ${v.where}: "${v.found}" for "${v.term}"`)).toEqual([]);
  });
});
