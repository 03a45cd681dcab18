import type { Role } from "./auth-types.ts";

/**
 * The one policy table: role × action × record scope. Anything not listed is denied.
 * `docs/permissions.md` is rendered from this table (npm run docs:permissions) and a test
 * fails when the document and the table differ.
 */
export const scopes = ["aggregate", "own", "unit", "municipality"] as const;
export type Scope = (typeof scopes)[number];

export const actions = {
  "start.view": "Se sin startsida",
  "account.manage_own": "Hantera sitt eget konto och sina API-nycklar",
  "organisation.view": "Se kommunen, enheterna och deras medarbetare",
  "organisation.manage": "Ändra kommunen och enheterna",
  "users.view": "Se användare med roller och enheter",
  "users.manage": "Lägga till, ändra och inaktivera användare, skapa återställningslänkar",
  "audit.review": "Logguppföljning: läsa och exportera loggen",
  "statistics.view": "Se sammanställningar utan personuppgifter",
  "workmodels.view": "Se arbetsmodellerna och deras versioner (mötestyper, checklistor, hållplatser)",
  "workmodels.manage": "Skapa, ändra och publicera nya versioner av arbetsmodellerna",
  "surveys.view": "Se enkätinstrumenten och deras versioner (frågor, svarsskala, målgrupp, när de besvaras)",
  "surveys.manage": "Skapa, ändra och publicera nya versioner av enkätinstrumenten",
  "surveys.results":
    "Se enkätresultat: antal svar, svarsfrekvens, medelvärden och fördelningar, aldrig vem som svarat; små grupper visas som ..",
  "surveys.campaigns": "Skapa årliga enkätkampanjer, skicka länkar och påminnelser via e-post och stänga kampanjer",
  "requests.view": "Se förfrågningar med familjens personuppgifter: egna och de egna enheternas (kommunens för processledare)",
  "requests.create": "Registrera en förfrågan om en familj",
  "requests.update": "Ändra var familjens medlemmar är aktuella (ärendetypen räknas om)",
  "requests.decide": "Registrera Sofiamötets beslut om en förfrågan: fortsätta (en process startas) eller inte",
  "processes.view":
    "Se familjens process: handläggare de familjer de är tilldelade, enhetschefer de egna enheternas i en begränsad vy utan namn, processledare kommunens",
  "processes.assign": "Tilldela barnhandläggare, vuxenhandläggare och processledare till en process",
  "processes.work": "Planera och hålla möten, samråd, barnkonsekvensanalys, trygghetsskala, fortsatt stöd, avbryta och återuppta",
  "persons.reveal": "Visa ett fullständigt personnummer (loggas med skäl)",
  "processes.break_glass":
    "Nödåtkomst: öppna en familjs process som man inte arbetar med, med exakt personnummer och skäl; tidsbegränsad, bara läsa, loggas och processledaren och enhetschefen underrättas",
  "persons.search": "Söka familjer på namn eller personnummer bland dem man arbetar med (processledare: kommunens)",
  "economy.view": "Se projektekonomin: beviljade medel, kostnader, återstående belopp och besparingsuppskattningar (inga personuppgifter)",
  "economy.manage": "Lägga upp projekt, registrera och importera kostnader, ändra återbetalningsplan, styckkostnader och antaganden",
  "implementation.view":
    "Se implementeringsaktiviteterna och hur många handläggare per enhet som arbetat med familjer (inga personuppgifter)",
  "implementation.manage": "Lägga upp, ändra och ställa in implementeringsaktiviteter (utbildningar, seminarier, konferenser)",
  "reviewkeys.view": "Se granskningsnycklarna och deras versioner (dokumenttyper, frågor, helhetsbedömning)",
  "reviewkeys.manage": "Skapa, ändra och publicera nya versioner av granskningsnycklarna",
  "audits.manage": "Lägga upp aktgranskningar: fokusfamiljer, granskare (referensgrupp), stänga en granskning",
  "audits.review": "Granska akter i de aktgranskningar man är utsedd granskare i: se de egna fokusfamiljerna och registrera svar",
  "audits.results":
    "Se aktgranskningarnas resultat: antal och andelar per fråga och dokumenttyp, kommentarer utan namn; små grupper visas som ..",
  "followup.view":
    "Se uppföljningen: indikatorer mot mål, denna period mot föregående, utfall och jämförelsegrupp; aldrig en person, små grupper visas som ..",
  "indicators.manage": "Skapa, ändra och publicera nya versioner av indikatordefinitionerna",
  "outcomes.record": "Registrera långsiktiga utfall ett och två år efter avslutad samtalsserie för familjer man arbetar med",
  "outcomes.import": "Importera utfall från ett uttag ur verksamhetssystemet",
  "comparison.manage": "Importera och ta bort jämförelsegrupper (anonyma poster eller aggregat)",
  "reports.view": "Se och ladda ned sparade delrapporter",
  "reports.manage": "Skriva delrapportens texter och ta fram nya versioner (PDF/A och Word)",
  "research.export": "Göra pseudonymiserade forskningsuttag med kodbok (syftet anges och loggas)",
  "placements.read":
    "Se placerade barn, deras placeringar och placeringsforum: den egna enhetens barn och barnen i familjer man arbetar med (processledare: kommunens)",
  "placements.write":
    "Registrera och avsluta placeringar, planera och hålla placeringsforum, registrera forumets beslut och nästa steg för de barn man får se",
  "retention.manage":
    "Gallring: bestämma kommunens gallringsregler, förhandsgranska vad som skulle gallras (bara antal), genomföra gallringen och slå på det schemalagda jobbet",
} as const;
export type Action = keyof typeof actions;

export const policy: Record<Role, Partial<Record<Action, Scope>>> = {
  administrator: {
    "start.view": "own",
    "account.manage_own": "own",
    "organisation.view": "municipality",
    "organisation.manage": "municipality",
    "users.view": "municipality",
    "users.manage": "municipality",
    "audit.review": "municipality",
    "statistics.view": "municipality",
    "workmodels.view": "municipality",
    "surveys.view": "municipality",
    "workmodels.manage": "municipality",
    "surveys.manage": "municipality",
    "surveys.results": "aggregate",
    "surveys.campaigns": "municipality",
    "economy.view": "municipality",
    "economy.manage": "municipality",
    "implementation.view": "municipality",
    "implementation.manage": "municipality",
    "reviewkeys.view": "municipality",
    "reviewkeys.manage": "municipality",
    "audits.results": "aggregate",
    "followup.view": "aggregate",
    "indicators.manage": "municipality",
    "reports.view": "aggregate",
    "retention.manage": "municipality",
  },
  unit_manager: {
    "start.view": "own",
    "account.manage_own": "own",
    "organisation.view": "municipality",
    "users.view": "unit",
    "audit.review": "unit",
    "statistics.view": "unit",
    "workmodels.view": "municipality",
    "surveys.view": "municipality",
    "surveys.results": "aggregate",
    "requests.view": "unit",
    "processes.view": "unit",
    "processes.assign": "unit",
    "processes.break_glass": "municipality",
    "implementation.view": "municipality",
    "reviewkeys.view": "municipality",
    "audits.review": "own",
    "audits.results": "aggregate",
    "followup.view": "aggregate",
    "reports.view": "aggregate",
    "placements.read": "unit",
    "placements.write": "unit",
  },
  process_leader: {
    "start.view": "own",
    "account.manage_own": "own",
    "organisation.view": "municipality",
    "users.view": "municipality",
    "workmodels.view": "municipality",
    "surveys.view": "municipality",
    "surveys.results": "aggregate",
    "surveys.campaigns": "municipality",
    "requests.view": "municipality",
    "requests.update": "municipality",
    "requests.decide": "municipality",
    "processes.view": "municipality",
    "processes.assign": "municipality",
    "processes.work": "municipality",
    "persons.reveal": "municipality",
    "persons.search": "municipality",
    "economy.view": "municipality",
    "economy.manage": "municipality",
    "implementation.view": "municipality",
    "implementation.manage": "municipality",
    "reviewkeys.view": "municipality",
    "reviewkeys.manage": "municipality",
    "audits.manage": "municipality",
    "audits.review": "own",
    "audits.results": "aggregate",
    "followup.view": "aggregate",
    "indicators.manage": "municipality",
    "outcomes.record": "municipality",
    "outcomes.import": "municipality",
    "comparison.manage": "municipality",
    "reports.view": "aggregate",
    "reports.manage": "municipality",
    "research.export": "municipality",
    "placements.read": "municipality",
    "placements.write": "municipality",
  },
  caseworker: {
    "start.view": "own",
    "account.manage_own": "own",
    "organisation.view": "unit",
    "workmodels.view": "municipality",
    "surveys.view": "municipality",
    "requests.view": "own",
    "requests.create": "unit",
    "requests.update": "own",
    "processes.view": "own",
    "processes.work": "own",
    "persons.reveal": "own",
    "persons.search": "own",
    "processes.break_glass": "municipality",
    "reviewkeys.view": "municipality",
    "audits.review": "own",
    "outcomes.record": "own",
    "placements.read": "unit",
    "placements.write": "unit",
  },
  analyst: {
    "start.view": "own",
    "account.manage_own": "own",
    "organisation.view": "aggregate",
    "statistics.view": "aggregate",
    "workmodels.view": "aggregate",
    "surveys.view": "aggregate",
    "surveys.results": "aggregate",
    "economy.view": "aggregate",
    "implementation.view": "aggregate",
    "reviewkeys.view": "aggregate",
    "audits.results": "aggregate",
    "followup.view": "aggregate",
    "indicators.manage": "aggregate",
    "comparison.manage": "aggregate",
    "reports.view": "aggregate",
    "reports.manage": "aggregate",
  },
};

const rank: Record<Scope, number> = { aggregate: 0, own: 1, unit: 2, municipality: 3 };

/** The widest scope any of the roles gives for the action, or null when none allows it. */
export function scopeFor(roles: readonly Role[], action: Action): Scope | null {
  let best: Scope | null = null;
  for (const r of roles) {
    const s = policy[r]?.[action];
    if (s && (best === null || rank[s] > rank[best])) best = s;
  }
  return best;
}

export function isAction(value: string): value is Action {
  return Object.hasOwn(actions, value);
}
