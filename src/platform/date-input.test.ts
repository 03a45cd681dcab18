import { describe, expect, it } from "vitest";
import { z } from "zod";
import { dateInput, readDate, readTime, spokenDate, timeInput } from "./date-input.ts";
import { decodeForm } from "./form-decode.ts";

describe("readDate", () => {
  it.each([
    ["2026-12-20", "2026-12-20"],
    ["2026-1-5", "2026-01-05"],
    ["2026/12/20", "2026-12-20"],
    ["20261220", "2026-12-20"],
    ["20/12 2026", "2026-12-20"],
    ["20/12-2026", "2026-12-20"],
    ["20/12/2026", "2026-12-20"],
    ["20.12.2026", "2026-12-20"],
    ["20-12-2026", "2026-12-20"],
    ["5/1 2027", "2027-01-05"],
    ["20 dec 2026", "2026-12-20"],
    ["20 dec. 2026", "2026-12-20"],
    ["20 December 2026", "2026-12-20"],
    ["den 20:e dec 2026", "2026-12-20"],
    ["  1 maj   2027 ", "2027-05-01"],
    ["3 okt 2026", "2026-10-03"],
    ["29/2 2028", "2028-02-29"],
  ])("reads %j as %s", (typed, iso) => {
    expect(readDate(typed)).toBe(iso);
  });

  it.each(["", "20/12", "32/12 2026", "29/2 2027", "2026-13-01", "20 dex 2026", "12/20/2026", "i morgon", "20.12.26", "2026-12-20T10:00"])(
    "refuses %j",
    (typed) => {
      expect(readDate(typed)).toBeNull();
    },
  );
});

describe("readTime", () => {
  it.each([
    ["9", "09:00"],
    ["9.00", "09:00"],
    ["9:00", "09:00"],
    ["9,30", "09:30"],
    ["09.30", "09:30"],
    ["0930", "09:30"],
    ["930", "09:30"],
    ["14", "14:00"],
    ["kl. 13.15", "13:15"],
    ["klockan 8", "08:00"],
    ["23:59", "23:59"],
  ])("reads %j as %s", (typed, time) => {
    expect(readTime(typed)).toBe(time);
  });

  it.each(["", "24", "9.60", "2400", "9.5", "nio", "9:00 pm", "12345"])("refuses %j", (typed) => {
    expect(readTime(typed)).toBeNull();
  });
});

describe("dateInput and timeInput", () => {
  const schema = z.object({ on: dateInput("x.date"), at: timeInput("x.time"), until: dateInput("x.until").nullable().default(null) });

  it("stores what was read, and gives each unreadable field its own message at once", () => {
    expect(schema.parse({ on: "20 dec 2026", at: "9.30" })).toEqual({ on: "2026-12-20", at: "09:30", until: null });
    const failed = schema.safeParse({ on: "32/12 2026", at: "25", until: "snart" });
    expect(failed.success).toBe(false);
    expect(failed.error?.issues.map((i) => [i.path.join("."), i.message])).toEqual([
      ["on", "x.date"],
      ["at", "x.time"],
      ["until", "x.until"],
    ]);
  });

  it("is decoded from a form as text, an empty optional date as null", () => {
    expect(decodeForm(schema, { on: "20/12 2026", at: "0930", until: "" })).toEqual({ on: "20/12 2026", at: "0930", until: null });
  });

  it("describes the accepted forms in the API document", () => {
    const json = z.toJSONSchema(schema, { io: "input" }) as { properties: Record<string, { type: string; description: string }> };
    expect(json.properties.on?.type).toBe("string");
    expect(json.properties.on?.description).toContain("20 dec 2026");
  });
});

describe("spokenDate", () => {
  it("says the date with its weekday, in the user's language", () => {
    expect(spokenDate("2026-12-20", "sv")).toBe("söndag 20 december 2026");
    expect(spokenDate("2026-12-20", "en")).toBe("Sunday, 20 December 2026");
  });
});
