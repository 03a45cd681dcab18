/** The per-person log extract as PDF (GDPR art. 15): a title, the person, and one table row per access. */
import type { Translate } from "../../platform/i18n.ts";
import { typstString } from "../../platform/typst.ts";
import { type AccessRow, accessLine } from "./model.ts";
import type { ClientPerson } from "./service.ts";

const text = (s: string) => `#${typstString(s)}`;

export function extractSource(
  t: Translate,
  locale: "sv" | "en",
  data: { person: ClientPerson; rows: AccessRow[]; total: number; madeAt: string; madeBy: string },
): string {
  const { person } = data;
  const head = ["time", "user", "action", "assignment", "reason"].map((k) => `[*${text(t(`auditlog.client.col.${k}`))}*]`).join(", ");
  const rows = data.rows
    .map((r) =>
      accessLine(t, locale, r)
        .map((c) => `[${text(c)}]`)
        .join(", "),
    )
    .join(",\n  ");
  return [
    `#set document(title: ${typstString(t("auditlog.client.pdf.title"))})`,
    `#set text(lang: ${typstString(locale)}, size: 9pt)`,
    '#set page(paper: "a4", flipped: true, margin: 1.5cm, numbering: "1 / 1")',
    `#heading(level: 1, ${typstString(t("auditlog.client.pdf.title"))})`,
    "",
    text(t("auditlog.client.pdf.person", { name: person.name, id: person.maskedIdentityNumber ?? person.birthDate })),
    "",
    text(t("auditlog.client.pdf.made", { at: data.madeAt, by: data.madeBy })),
    "",
    text(t("auditlog.client.pdf.count", { n: data.total })),
    "",
    "#table(",
    "  columns: (auto, 1fr, 1fr, 1fr, auto),",
    "  stroke: 0.5pt + luma(160),",
    "  inset: 4pt,",
    `  table.header(repeat: true, ${head}),`,
    `  ${rows}${rows ? "," : ""}`,
    ")",
    "",
  ].join("\n");
}
