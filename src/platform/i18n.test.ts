import { describe, expect, it } from "vitest";
import { compareText, formatNumber, messages, translator } from "./i18n.ts";

describe("message catalogs", () => {
  it("have the same keys in Swedish and English, none empty", () => {
    expect(Object.keys(messages.en).sort()).toEqual(Object.keys(messages.sv).sort());
    for (const [k, v] of [...Object.entries(messages.sv), ...Object.entries(messages.en)]) {
      expect(v.trim(), k).not.toBe("");
    }
  });

  it("use the same placeholders in both languages", () => {
    const names = (s: string) => [...s.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();
    for (const key of Object.keys(messages.sv)) {
      expect(names(messages.en[key] ?? ""), key).toEqual(names(messages.sv[key] ?? ""));
    }
  });

  it("fills in parameters and shows a missing key as itself", () => {
    const t = translator("sv");
    expect(t("layout.signedInAs", { name: "Bo" })).toBe("Inloggad som Bo");
    expect(t("no.such.key")).toBe("no.such.key");
  });
});

describe("Swedish formats", () => {
  it("sorts å, ä, ö after z and groups thousands with a space", () => {
    expect(["Östra", "Arboga", "Åre", "Ängelholm", "Zinkgruvan"].sort(compareText("sv"))).toEqual([
      "Arboga",
      "Zinkgruvan",
      "Åre",
      "Ängelholm",
      "Östra",
    ]);
    expect(formatNumber("sv", 1143083)).toBe("1\u00a0143\u00a0083");
  });
});
