/** Pure rules of the log review by client: the assignment a row was made under, in words. No I/O. */
import type { Translate } from "../../platform/i18n.ts";
import { actionLabel, formatLogTime } from "../model.ts";

const assignmentRoles = ["child_caseworker", "adult_caseworker", "process_leader"] as const;
const isAssignmentRole = (r: string): r is (typeof assignmentRoles)[number] => (assignmentRoles as readonly string[]).includes(r);

export interface AccessRow {
  at: Date;
  actorUserId: string | null;
  actorUsername: string | null;
  actorDisplayName: string | null;
  apiTokenId: string | null;
  action: string;
  reason: string | null;
  assignments: string[];
  registered: boolean;
  unitNames: string[];
}

/**
 * Under which assignment the row was made: the actor's roles in the family's process that day,
 * else that they registered the request, else "Ingen tilldelning" with the actor's units then.
 */
export function assignmentText(t: Translate, row: AccessRow): string {
  const roles = row.assignments.filter(isAssignmentRole).map((r) => t(`auditlog.assignment.${r}`));
  if (roles.length > 0) return roles.join(", ");
  if (row.registered) return t("auditlog.assignment.registered");
  if (!row.actorUserId) return t("auditlog.noActor");
  return row.unitNames.length > 0
    ? t("auditlog.assignment.noneWithUnits", { units: row.unitNames.join(", ") })
    : t("auditlog.assignment.none");
}

export function actorText(t: Translate, row: AccessRow): string {
  if (!row.actorUserId && !row.actorUsername) return t("auditlog.noActor");
  const name = row.actorDisplayName ?? t("auditlog.unknownUser");
  const who = row.actorUsername ? `${name} (${row.actorUsername})` : name;
  return row.apiTokenId ? `${who}, ${t("auditlog.viaApi")}` : who;
}

/** One line of the extract: when, who, what, under which assignment, the reason given. */
export function accessLine(t: Translate, locale: "sv" | "en", row: AccessRow): string[] {
  return [formatLogTime(locale, row.at), actorText(t, row), actionLabel(t, row.action), assignmentText(t, row), row.reason ?? ""];
}

export const extractFileName = (today: string, ext: "csv" | "pdf") => `loggutdrag-${today}.${ext}`;
