import { describe, expect, it } from "vitest";
import { translator } from "../platform/i18n.ts";
import { addressOf, RateLimiter, reminderMail, secretOfFile, stockholmInstant } from "./model.ts";

describe("calendar rules", () => {
  it("reads Swedish clock time in winter and summer", () => {
    expect(stockholmInstant("2026-12-08", "09:30").toISOString()).toBe("2026-12-08T08:30:00.000Z");
    expect(stockholmInstant("2026-07-08", "09:30").toISOString()).toBe("2026-07-08T07:30:00.000Z");
  });

  it("takes a feed secret only in its own shape", () => {
    const secret = "A".repeat(43);
    expect(secretOfFile(`${secret}.ics`)).toBe(secret);
    expect(secretOfFile(secret)).toBeNull();
    expect(secretOfFile("kort.ics")).toBeNull();
    expect(secretOfFile(`${"A".repeat(42)}/.ics`)).toBeNull();
  });

  it("counts requests per key in a window", () => {
    const limiter = new RateLimiter(2, 1000);
    expect([limiter.hit("a", 0), limiter.hit("a", 10), limiter.hit("b", 10)]).toEqual([0, 0, 0]);
    expect(limiter.hit("a", 500)).toBe(1);
    expect(limiter.hit("a", 1000)).toBe(0);
  });

  it("takes the organiser's address from MAIL_FROM and writes a reminder without names", () => {
    expect(addressOf("Sofia <sofia@exempelby.se>")).toBe("sofia@exempelby.se");
    const { subject, text } = reminderMail(
      translator("sv"),
      {
        day: "2026-12-07",
        meetings: [],
        stops: [{ stopName: "Konsultation 1", forChild: false, dueOn: "2026-12-01", overdue: true, url: "https://s/p/1" }],
        waits: [{ waitingFor: "first_meeting", days: 40, limit: 30, over: true, url: "https://s/p/2" }],
      },
      "https://s/konto/kalender",
    );
    expect(subject).toBe("Sofia: påminnelse måndag 7 december 2026");
    expect(text).toContain("- Konsultation 1, försenat sedan 2026-12-01: https://s/p/1");
    expect(text).toContain("- Väntar på första familjemötet, 40 dagar, över gränsen 30: https://s/p/2");
  });
});
