import { describe, expect, it } from "vitest";
import { type AuditEntry, declaredAuditActions, declaredAuditRecordTypes } from "../platform/audit.ts";
import { CSV_BOM, csvLine } from "../platform/csv.ts";
import { translator } from "../platform/i18n.ts";
import { auditlogMessages } from "./messages.ts";
import {
  actionLabel,
  addDays,
  auditFilterParams,
  csvStart,
  defaultPeriod,
  exportFileName,
  formatLogTime,
  isIsoDate,
  knownSecurityEvents,
  pageCount,
  parseAuditFilter,
  parseSecurityFilter,
  parseSubjectRef,
  recordTypeLabel,
  stockholmDate,
} from "./model.ts";

const USER = "0b5a3c1e-8f0d-4a53-9d4e-2b6f1c7a9e10";
// 22:30 UTC on 31 March 2026 is already 1 April in Stockholm (summer time, UTC+2).
const NOW = new Date("2026-03-31T22:30:00Z");

describe("CSV for Swedish Excel", () => {
  it("starts a document with the UTF-8 BOM and the header", () => {
    const doc = csvStart(["Tidpunkt", "Användare"]) + csvLine(["2026-01-05 10:00:00", "=evil"]);
    expect(doc.startsWith(CSV_BOM)).toBe(true);
    expect(doc).toBe("\uFEFFTidpunkt;Användare\r\n2026-01-05 10:00:00;'=evil\r\n");
  });

  it("names the file after the day in Swedish time", () => {
    expect(exportFileName(NOW)).toBe("logg-2026-04-01.csv");
  });
});

describe("dates in Swedish time", () => {
  it("knows the Stockholm date at an instant", () => {
    expect(stockholmDate(NOW)).toBe("2026-04-01");
    expect(stockholmDate(new Date("2026-01-15T22:59:00Z"))).toBe("2026-01-15");
    expect(stockholmDate(new Date("2026-01-15T23:00:00Z"))).toBe("2026-01-16");
  });

  it("accepts only real calendar dates", () => {
    expect(isIsoDate("2024-02-29")).toBe(true);
    expect(isIsoDate("2025-02-29")).toBe(false);
    expect(isIsoDate("2025-13-01")).toBe(false);
    expect(isIsoDate("not-a-date")).toBe(false);
    expect(isIsoDate("2025-1-1")).toBe(false);
    expect(isIsoDate("1066-10-14")).toBe(false);
  });

  it("defaults to the last 30 days, today included", () => {
    expect(defaultPeriod(NOW)).toEqual({ from: "2026-03-03", to: "2026-04-01" });
    expect(addDays("2026-03-01", -1)).toBe("2026-02-28");
  });

  it("shows log times to the second in Swedish time", () => {
    expect(formatLogTime("sv", new Date("2026-07-01T10:04:05Z"))).toBe("2026-07-01 12:04:05");
  });
});

describe("the audit-log filter", () => {
  it("fills in the default period and the first page", () => {
    expect(parseAuditFilter({}, NOW)).toEqual({ ok: true, filter: { from: "2026-03-03", to: "2026-04-01", page: 1, pageSize: 50 } });
    expect(parseAuditFilter({ from: "", to: "", user: "", person: "", action: "" }, NOW)).toMatchObject({ ok: true });
  });

  it("reads the user, the person, the action and the page", () => {
    const result = parseAuditFilter(
      { from: "2026-01-01", to: "2026-01-31", user: USER.toUpperCase(), person: `user:${USER}`, action: "user.view", page: "3" },
      NOW,
    );
    expect(result).toEqual({
      ok: true,
      filter: {
        from: "2026-01-01",
        to: "2026-01-31",
        userId: USER,
        subject: { kind: "user", id: USER },
        action: "user.view",
        page: 3,
        pageSize: 50,
      },
    });
    if (!result.ok) return;
    expect(auditFilterParams(result.filter, result.filter.page)).toEqual({
      from: "2026-01-01",
      to: "2026-01-31",
      user: USER,
      person: `user:${USER}`,
      action: "user.view",
      page: "3",
    });
    expect(auditFilterParams(result.filter)).not.toHaveProperty("page");
  });

  it("takes 30 days back from a to date given alone", () => {
    expect(parseAuditFilter({ to: "2026-02-10" }, NOW)).toMatchObject({ ok: true, filter: { from: "2026-01-12", to: "2026-02-10" } });
  });

  it("reads the dates as Swedes type them (20/12 2026, 1 dec 2026) and refuses one without its year", () => {
    expect(parseAuditFilter({ from: "1 dec 2026", to: "20/12 2026" }, NOW)).toMatchObject({
      ok: true,
      filter: { from: "2026-12-01", to: "2026-12-20" },
    });
    expect(parseAuditFilter({ from: "20/12" }, NOW)).toEqual({ ok: false, errors: { from: "auditlog.filter.fromInvalid" } });
  });

  it("links each wrong value to its field with a message key", () => {
    expect(parseAuditFilter({ from: "not-a-date" }, NOW)).toEqual({ ok: false, errors: { from: "auditlog.filter.fromInvalid" } });
    expect(parseAuditFilter({ from: "2026-02-10", to: "2026-02-01" }, NOW)).toEqual({
      ok: false,
      errors: { to: "auditlog.filter.toBeforeFrom" },
    });
    expect(parseAuditFilter({ user: "Bo Barnhandläggare" }, NOW)).toEqual({ ok: false, errors: { user: "auditlog.filter.userInvalid" } });
    expect(parseAuditFilter({ person: USER }, NOW)).toEqual({ ok: false, errors: { person: "auditlog.filter.personInvalid" } });
    expect(parseAuditFilter({ person: `family:${USER}` }, NOW)).toEqual({ ok: false, errors: { person: "auditlog.filter.personInvalid" } });
    expect(parseAuditFilter({ action: "DROP TABLE" }, NOW)).toEqual({ ok: false, errors: { action: "auditlog.filter.actionInvalid" } });
    expect(parseAuditFilter({ page: "0" }, NOW)).toEqual({ ok: false, errors: { page: "auditlog.filter.pageInvalid" } });
    expect(parseAuditFilter({ pageSize: "500" }, NOW)).toEqual({ ok: false, errors: { pageSize: "auditlog.filter.pageSizeInvalid" } });
    expect(parseAuditFilter({ from: ["2026-01-01", "2026-01-02"] }, NOW)).toEqual({
      ok: false,
      errors: { from: "auditlog.filter.fromInvalid" },
    });
  });

  it("reports every wrong field at once, the order of the dates too", () => {
    expect(parseAuditFilter({ from: "2026-02-10", to: "2026-02-01", user: "x" }, NOW)).toEqual({
      ok: false,
      errors: { user: "auditlog.filter.userInvalid", to: "auditlog.filter.toBeforeFrom" },
    });
  });

  it("reads a subject reference only in the form kind:id", () => {
    expect(parseSubjectRef(`user:${USER}`)).toEqual({ kind: "user", id: USER });
    expect(parseSubjectRef(`user:${USER}:x`)).toBeNull();
    expect(parseSubjectRef("user:123")).toBeNull();
  });
});

describe("the security-log filter", () => {
  it("accepts the known events only", () => {
    expect(parseSecurityFilter({ event: "login_failed" }, NOW)).toMatchObject({ ok: true, filter: { event: "login_failed" } });
    expect(parseSecurityFilter({ event: "anything" }, NOW)).toEqual({ ok: false, errors: { event: "auditlog.filter.eventInvalid" } });
  });
});

describe("paging", () => {
  it("counts at least one page", () => {
    expect(pageCount(0, 50)).toBe(1);
    expect(pageCount(50, 50)).toBe(1);
    expect(pageCount(51, 50)).toBe(2);
  });
});

describe("labels", () => {
  it("has a Swedish and an English label for every declared action and record type and every security event", () => {
    const actions = Object.entries(declaredAuditActions());
    const recordTypes = Object.entries(declaredAuditRecordTypes());
    // What the log review once missed (a hand-kept list) is declared by the module that writes it.
    for (const code of ["survey_campaign.create", "survey_campaign.without_email", "review_key.publish", "survey_results.view"]) {
      expect(actions.map(([c]) => c)).toContain(code);
    }
    for (const [code, label] of [...actions, ...recordTypes]) {
      expect(label.sv.trim(), code).not.toBe("");
      expect(label.en.trim(), code).not.toBe("");
    }
    for (const e of knownSecurityEvents) {
      expect(auditlogMessages.sv[`auditlog.event.${e}`], e).toBeTruthy();
      expect(auditlogMessages.en[`auditlog.event.${e}`], e).toBeTruthy();
    }
  });

  it("does not compile an audit row with an undeclared action or record type", () => {
    const row = (entry: AuditEntry) => `${entry.action} ${entry.recordType}`;
    // @ts-expect-error: no module declares "family.teleport"
    expect(row({ action: "family.teleport", recordType: "process" })).toBe("family.teleport process");
    // @ts-expect-error: no module declares the record type "spaceship"
    expect(row({ action: "process.view", recordType: "spaceship" })).toBe("process.view spaceship");
  });

  it("shows a declared code by its label in the reader's language and any other code as it is", () => {
    expect(actionLabel(translator("sv"), "audit.export")).toBe("Exporterade loggen");
    expect(actionLabel(translator("en"), "survey_campaign.send")).toBe(declaredAuditActions()["survey_campaign.send"]?.en);
    expect(recordTypeLabel(translator("sv"), "process")).toBe(declaredAuditRecordTypes().process?.sv);
    expect(actionLabel(translator("sv"), "family.view")).toBe("family.view");
  });
});
