/**
 * The codebook that goes with a research export: the export's purpose, period, options, date and
 * counts; every column; how pseudonyms and dates are made; what is never included; and every
 * variable that can appear in the file, with its type and allowed values. Swedish, plain text
 * (Markdown), so that it reads both as a file and in a browser.
 */
import { COLUMNS, type ExportOptions, type Variable, variables } from "./model.ts";

export interface ExportFacts {
  purpose: string;
  options: ExportOptions;
  /** The day the export was made (ÅÅÅÅ-MM-DD). */
  madeOn: string;
  families: number;
  rows: number;
}

export interface CodebookContent extends ExportFacts {
  variables: Variable[];
}

const levelText = { family: "familj", person: "person", response: "enkätsvar" } as const;

/** The variables that can appear with these options: the fixed ones, then the meeting types and survey items of the export. */
export function codebookVariables(options: ExportOptions, extra: Variable[]): Variable[] {
  const fixed = variables.filter((v) => v.option !== "caseTypeAndHousehold" || options.caseTypeAndHousehold);
  const seen = new Set(fixed.map((v) => v.name));
  const more = extra.filter((v) => !seen.has(v.name) && seen.add(v.name)).sort((a, b) => a.name.localeCompare(b.name, "sv"));
  return [...fixed, ...more];
}

export function typeText(v: Variable, exactDates: boolean): string {
  if (v.type === "date") return exactDates ? "datum, ÅÅÅÅ-MM-DD" : "år och månad, ÅÅÅÅ-MM";
  if (v.type === "integer") return "heltal";
  return "kod";
}

export const columnDescriptions: Record<(typeof COLUMNS)[number], string> = {
  familj: "Familjens pseudonym (F-xxxxxx). Samma inom uttaget, ny i varje uttag.",
  person: "Personens pseudonym (P-xxxxxx) för variabler på personnivå, annars -.",
  svar: "Enkätsvarets pseudonym (S-xxxxxx) för variabler från ett enkätsvar, annars -. Ett enkätsvar kopplas aldrig till en person.",
  variabel: "Variabelns namn (se Variabler nedan).",
  varde: "Värdet: en kod, ett heltal eller ett datum enligt variabelns typ.",
};

const yesNo = (b: boolean) => (b ? "ja" : "nej");

export function renderCodebook(c: CodebookContent): string {
  const o = c.options;
  const lines: string[] = [
    "# Kodbok: pseudonymiserat forskningsuttag ur Sofia",
    "",
    `- Syfte: ${c.purpose.replace(/\s+/g, " ")}`,
    `- Uttaget gjordes: ${c.madeOn}`,
    `- Period: familjer vars förfrågan kom in ${o.from}–${o.to}`,
    `- Exakta datum: ${yesNo(o.exactDates)}${o.exactDates ? " (datum anges ÅÅÅÅ-MM-DD)" : " (datum anges som år och månad, ÅÅÅÅ-MM; intervall anges i hela dagar)"}`,
    `- Ärendetyp, hushåll och vårdnad: ${yesNo(o.caseTypeAndHousehold)}`,
    `- Antal familjer: ${c.families}`,
    `- Antal rader: ${c.rows} (utöver rubrikraden)`,
    "",
    "## Filen forskningsuttag.csv",
    "",
    "Långt format: en rad per familj, person eller enkätsvar och variabel. Teckenkodning UTF-8 med byte-order mark, fältavgränsare semikolon, radslut CRLF, första raden är kolumnnamnen. Saknas en uppgift finns ingen rad för den.",
    "",
    "## Kolumner",
    "",
    ...COLUMNS.map((col) => `- ${col}: ${columnDescriptions[col]}`),
    "",
    "## Pseudonymer",
    "",
    "Pseudonymerna dras slumpmässigt (kryptografisk slump) för varje uttag och härleds aldrig ur något id, personnummer eller namn. Två uttag kan därför inte kopplas ihop med pseudonymerna, och familjernas ordning i filen är slumpad. Det finns ingen kodnyckel: inte heller kommunen kan gå från en pseudonym tillbaka till en familj.",
    "",
    "## Datum",
    "",
    o.exactDates
      ? "Datum anges exakt (ÅÅÅÅ-MM-DD) eftersom uttaget beställdes med exakta datum. Intervall mellan händelser anges dessutom i hela dagar."
      : "Datum förkortas till år och månad (ÅÅÅÅ-MM): dagen tas bort. I stället anges intervallen mellan händelserna i hela dagar (variablerna days_…), räknade på de exakta datumen.",
    "",
    "## Ingår aldrig",
    "",
    "Namn, personnummer, födelsedatum, adresser, fritext (orsaker i fritext, anteckningar, sammanfattningar, kommentarer), personalens identitet och enhet, enkätsvarens datum, svarssätt och åldersgrupp.",
    "",
    "## Pseudonymiserat, inte anonymt",
    "",
    "Uppgifterna är pseudonymiserade, inte anonyma, och omfattas fortfarande av sekretess och dataskyddsförordningen. En liten familj med ett enkätsvar från ett barn eller från föräldern med missbruket, eller ovanliga kombinationer av värden (särskilt med exakta datum), kan peka ut en person. Försök aldrig identifiera någon, redovisa inga grupper mindre än kommunens minsta gruppstorlek och förvara filen som personuppgifter.",
    "",
    "## Variabler",
    "",
  ];
  for (const v of c.variables) {
    lines.push(
      `### ${v.name}`,
      "",
      `- Nivå: ${levelText[v.level]}`,
      `- Typ: ${typeText(v, o.exactDates)}`,
      `- Beskrivning: ${v.description}`,
    );
    if (v.values.length > 0) {
      lines.push("- Värden:");
      for (const [code, meaning] of v.values) lines.push(`  - ${code}: ${meaning}`);
    }
    lines.push("");
  }
  return lines.join("\n");
}
