/**
 * The indicators every municipality starts with, from the follow-up chapters of the seed reports:
 * the funnel from request to completion, the process goals, meetings, child meetings, waits and
 * interruptions, further support, and the families' answers. Each is a definition as data
 * (indicators/model.ts), checked by the same schema as one saved through the API, and names the
 * section of the follow-up it is shown in.
 */
import { type Definition, definitionSchema, type Filter } from "./model.ts";

const startedPhases: Filter = { field: "phase", op: "in", value: ["started", "halfway", "completed"] };
const completed: Filter = { field: "phase", op: "eq", value: "completed" };
const continued: Filter = { field: "decision", op: "eq", value: "continued" };

type Optional = "display" | "target" | "minGroupSize" | "groupBy" | "description" | "measure";
const defaults = { target: null, minGroupSize: null, groupBy: null, description: "", measure: null };
const count = (d: Omit<Definition, Optional> & Partial<Definition>) => definitionSchema.parse({ ...defaults, display: "count", ...d });
const percent = (d: Omit<Definition, Optional> & Partial<Definition>) => definitionSchema.parse({ ...defaults, display: "percent", ...d });
const statistic = (display: Definition["display"], field: string, d: Omit<Definition, Optional> & Partial<Definition>) =>
  definitionSchema.parse({ ...defaults, display, measure: { field, per: null }, ...d });

/** Positive answers on the four-step faces scale: the two upper steps. */
const positive: Filter = { field: "value", op: "gte", value: 3 };
const answered: Filter = { field: "value", op: "not_null" };

/** The seeded indicators' English names, by key, shown when the UI is in English (decision 0043). */
export const englishNames: Readonly<Record<string, string>> = {
  "tratt-sofiamote": "Requests taken up at a Sofia meeting",
  "tratt-paborjade": "Families that started the meeting series",
  "tratt-halvvags": "Families that reached halfway",
  "tratt-genomforda": "Families that completed the meeting series",
  "avbrutna-per-fas": "Interrupted processes by phase",
  "mal-genomforda": "Share of started families that complete the series",
  "mal-fortsatt-stod": "Share of families that apply for or get further support",
  "stod-genomforda": "Further support granted, families that completed the series",
  "stod-ovriga": "Further support granted, other families",
  "avbrott-per-vantetid": "Interrupted processes by wait until the first family meeting",
  "barnsamtal-hallna": "Child meetings held of those possible",
  "barnsamtal-nekat-samtycke": "Children whose guardians refused consent to a child meeting",
  "moten-per-typ": "Meetings held by meeting type",
  "mal-sedda-horda": "Share who felt listened to",
  "mal-strategier-verktyg": "Share of parents with the problem who got strategies and tools",
  "vantetid-forfragan-tilldelning-median": "Wait, median, days from request to assigned caseworkers",
  "vantetid-forfragan-tilldelning-p90": "Wait, 90th percentile, days from request to assigned caseworkers",
  "vantetid-tilldelning-forsta-mote-median": "Wait, median, days from assignment to the first family meeting",
  "vantetid-tilldelning-forsta-mote-p90": "Wait, 90th percentile, days from assignment to the first family meeting",
  "vantetid-forfragan-forsta-mote-median": "Wait, median, days from request to the first family meeting",
  "vantetid-forfragan-forsta-mote-p90": "Wait, 90th percentile, days from request to the first family meeting",
  "hallplatser-i-tid": "Consultation stops held on time",
  "gemensam-barnkonsekvensanalys": "Children with a joint child impact analysis",
  svarsfrekvens: "Response rate after meetings",
  "medelvarde-foraldrar": "Mean per question, parents",
  "fordelning-foraldrar-information": "Distribution of answers, parents: information",
  "fordelning-foraldrar-lyssnad-pa": "Distribution of answers, parents: listened to",
  "fordelning-foraldrar-prata-om-alkohol-droger": "Distribution of answers, parents: talking about alcohol and drugs",
  "fordelning-foraldrar-helhet": "Distribution of answers, parents: overall",
  "medelvarde-barn": "Mean per question, children",
  "fordelning-barn-information": "Distribution of answers, children: information",
  "fordelning-barn-lyssnad-pa": "Distribution of answers, children: listened to",
  "fordelning-barn-prata-om-alkohol-droger": "Distribution of answers, children: talking about alcohol and drugs",
  "fordelning-barn-helhet": "Distribution of answers, children: overall",
  "handlaggare-deltagit": "Caseworkers who took part, share of the unit's",
  "familjer-per-handlaggare-mean": "Families per participating caseworker, mean",
  "familjer-per-handlaggare-min": "Families per participating caseworker, fewest",
  "familjer-per-handlaggare-max": "Families per participating caseworker, most",
  "perspektiv-foralder-med-problem": "Families by which parent has the problem",
  "perspektiv-positiv-till-stod": "Parent with the problem positive to support, by which parent",
  "perspektiv-vardnad": "Families by custody",
  "perspektiv-hushall": "Families by household",
  "perspektiv-arendetyp": "Families by case type",
  "perspektiv-barn-alder": "Children by age group",
  "perspektiv-barn-kon": "Children by gender",
  "placering-forum-inom-gransen": "Placed children reviewed at a placement forum within the limit",
  "placering-dagar-median": "Days placed, median, ended placements",
  "placering-dagar-p90": "Days placed, 90th percentile, ended placements",
  "placering-jourhem-inom-gransen": "Emergency foster home placements ended within the limit",
  "placering-hemflytt": "Ended placements where the child returned home",
};

/** Each seeded indicator with its English name in its definition. */
const withEnglish = (list: readonly { key: string; name: string; content: Definition }[]) =>
  list.map((i) => {
    const name = englishNames[i.key];
    return name ? { ...i, content: { ...i.content, en: { name } } } : i;
  });

export const seededIndicators: readonly { key: string; name: string; content: Definition }[] = withEnglish([
  {
    key: "tratt-sofiamote",
    name: "Förfrågningar som tagits upp på Sofiamöte",
    content: count({
      section: "funnel",
      name: "Förfrågningar som tagits upp på Sofiamöte",
      unit: "family",
      periodDate: "request_date",
      denominator: [],
      numerator: [{ field: "sofia_meeting_date", op: "not_null" }],
    }),
  },
  {
    key: "tratt-paborjade",
    name: "Familjer som påbörjat samtalsserien",
    content: count({
      section: "funnel",
      name: "Familjer som påbörjat samtalsserien",
      unit: "family",
      periodDate: "request_date",
      denominator: [],
      numerator: [startedPhases],
    }),
  },
  {
    key: "tratt-halvvags",
    name: "Familjer som nått halvvägs",
    content: count({
      section: "funnel",
      name: "Familjer som nått halvvägs",
      unit: "family",
      periodDate: "request_date",
      denominator: [],
      numerator: [{ field: "phase", op: "in", value: ["halfway", "completed"] }],
    }),
  },
  {
    key: "tratt-genomforda",
    name: "Familjer som genomfört samtalsserien",
    content: count({
      section: "funnel",
      name: "Familjer som genomfört samtalsserien",
      unit: "family",
      periodDate: "request_date",
      denominator: [],
      numerator: [completed],
    }),
  },
  {
    key: "avbrutna-per-fas",
    name: "Avbrutna processer per fas",
    content: count({
      section: "waits",
      name: "Avbrutna processer per fas",
      unit: "family",
      periodDate: "request_date",
      denominator: [continued],
      numerator: [{ field: "interrupted_in", op: "not_null" }],
      groupBy: { field: "interrupted_in" },
    }),
  },
  {
    key: "mal-genomforda",
    name: "Andel av påbörjade familjer som genomför serien",
    content: percent({
      section: "goals",
      name: "Andel av påbörjade familjer som genomför serien",
      description: "Processmål: 80 % av familjerna genomför samtalsserien. Räknas på familjer som påbörjat serien under perioden.",
      unit: "family",
      periodDate: "started_on",
      denominator: [startedPhases],
      numerator: [completed],
      target: { value: 80, direction: "at_least" },
    }),
  },
  {
    key: "mal-fortsatt-stod",
    name: "Andel familjer som söker eller får fortsatt stöd",
    content: percent({
      section: "goals",
      name: "Andel familjer som söker eller får fortsatt stöd",
      description: "Processmål: 50 % av familjerna söker eller får fortsatt stöd.",
      unit: "family",
      periodDate: "started_on",
      denominator: [startedPhases],
      numerator: [{ field: "support_sought", op: "is_true" }],
      target: { value: 50, direction: "at_least" },
    }),
  },
  {
    key: "stod-genomforda",
    name: "Beviljat fortsatt stöd, familjer som genomfört serien",
    content: percent({
      section: "support",
      name: "Beviljat fortsatt stöd, familjer som genomfört serien",
      unit: "family",
      periodDate: "request_date",
      denominator: [continued, completed],
      numerator: [{ field: "support_granted", op: "is_true" }],
      target: null,
    }),
  },
  {
    key: "stod-ovriga",
    name: "Beviljat fortsatt stöd, övriga familjer",
    content: percent({
      section: "support",
      name: "Beviljat fortsatt stöd, övriga familjer",
      unit: "family",
      periodDate: "request_date",
      denominator: [continued, { field: "phase", op: "neq", value: "completed" }],
      numerator: [{ field: "support_granted", op: "is_true" }],
      target: null,
    }),
  },
  {
    key: "avbrott-per-vantetid",
    name: "Avbrutna processer per väntetid till första familjemötet",
    content: percent({
      section: "waits",
      name: "Avbrutna processer per väntetid till första familjemötet",
      description: "Dagar från förfrågan till första hållna familjemötet. Familjer utan hållet familjemöte visas för sig.",
      unit: "family",
      periodDate: "request_date",
      denominator: [continued],
      numerator: [{ field: "process_status", op: "eq", value: "interrupted" }],
      groupBy: { field: "days_to_first_meeting", bands: [0, 30, 60, 90] },
      target: null,
    }),
  },
  {
    key: "barnsamtal-hallna",
    name: "Barnmöten hållna av möjliga",
    content: percent({
      section: "meetings",
      name: "Barnmöten hållna av möjliga",
      description: "Barn från sex år i familjer som påbörjat serien.",
      unit: "child",
      periodDate: "request_date",
      denominator: [startedPhases, { field: "age", op: "gte", value: 6 }],
      numerator: [{ field: "child_meeting_held", op: "is_true" }],
      target: null,
    }),
  },
  {
    key: "barnsamtal-nekat-samtycke",
    name: "Barn vars vårdnadshavare nekat samtycke till barnmöte",
    content: count({
      section: "meetings",
      name: "Barn vars vårdnadshavare nekat samtycke till barnmöte",
      unit: "child",
      periodDate: "request_date",
      denominator: [],
      numerator: [{ field: "consent_refused", op: "is_true" }],
    }),
  },
  {
    key: "moten-per-typ",
    name: "Hållna möten per mötestyp",
    content: count({
      section: "meetings",
      name: "Hållna möten per mötestyp",
      unit: "meeting",
      periodDate: "held_on",
      denominator: [],
      numerator: [{ field: "status", op: "eq", value: "held" }],
      groupBy: { field: "meeting_type" },
    }),
  },
  {
    key: "mal-sedda-horda",
    name: "Andel som känt sig lyssnade på",
    content: percent({
      section: "goals",
      name: "Andel som känt sig lyssnade på",
      description:
        "Processmål: 80 % av familjemedlemmarna känner sig sedda och hörda. Svar 3 eller 4 på frågan om de blev lyssnade på; vet inte räknas inte.",
      unit: "answer",
      periodDate: "submitted_on",
      denominator: [
        { field: "instrument", op: "in", value: ["sofia-4q-parent", "sofia-4q-child"] },
        { field: "item", op: "eq", value: "lyssnad-pa" },
        answered,
      ],
      numerator: [positive],
      target: { value: 80, direction: "at_least" },
      groupBy: { field: "respondent_role" },
    }),
  },
  {
    key: "mal-strategier-verktyg",
    name: "Andel föräldrar med problematik som fått strategier och verktyg",
    content: percent({
      section: "goals",
      name: "Andel föräldrar med problematik som fått strategier och verktyg",
      description:
        "Processmål: 80 % av föräldrarna med missbruksproblematik upplever att de fått strategier och verktyg. Svar 3 eller 4 i enkäten efter samtalsserien; vet inte räknas inte.",
      unit: "answer",
      periodDate: "submitted_on",
      denominator: [
        { field: "instrument", op: "eq", value: "sofia-efter-serien-foralder" },
        { field: "item", op: "eq", value: "strategier-verktyg" },
        { field: "respondent_role", op: "eq", value: "parent_with_problem" },
        answered,
      ],
      numerator: [positive],
      target: { value: 80, direction: "at_least" },
    }),
  },
  ...waits(),
  {
    key: "hallplatser-i-tid",
    name: "Hållplatser hållna i tid",
    content: percent({
      section: "meetings",
      name: "Hållplatser hållna i tid",
      description:
        "Styrda samråd (hållplatser) vars sista dag infaller i perioden och som hållits eller borde ha hållits: andelen som hölls senast den dagen. Avbrutna processer räknas inte.",
      unit: "stop",
      periodDate: "due_on",
      denominator: [
        { field: "state", op: "in", value: ["held_on_time", "held_late", "overdue"] },
        { field: "process_status", op: "in", value: ["active", "completed"] },
      ],
      numerator: [{ field: "state", op: "eq", value: "held_on_time" }],
      groupBy: { field: "stop" },
    }),
  },
  {
    key: "gemensam-barnkonsekvensanalys",
    name: "Barn med gemensam barnkonsekvensanalys",
    content: percent({
      section: "meetings",
      name: "Barn med gemensam barnkonsekvensanalys",
      description:
        "Barn i familjer som påbörjat serien under perioden, för vilka barn- och vuxenhandläggaren gjort en gemensam barnkonsekvensanalys.",
      unit: "child",
      periodDate: "started_on",
      denominator: [startedPhases],
      numerator: [{ field: "joint_impact_analysis", op: "is_true" }],
    }),
  },
  {
    key: "svarsfrekvens",
    name: "Svarsfrekvens efter möten",
    content: definitionSchema.parse({
      ...defaults,
      section: "answers",
      name: "Svarsfrekvens efter möten",
      description:
        "Enkätsvar efter hållna möten som följs av en enkät, av de familjemedlemmar som deltog (högst ett svar per deltagare räknas).",
      unit: "meeting",
      periodDate: "held_on",
      display: "rate",
      measure: { field: "responses", per: "attended" },
      denominator: [
        { field: "status", op: "eq", value: "held" },
        { field: "surveyed", op: "is_true" },
      ],
      numerator: [],
      groupBy: { field: "meeting_type" },
    }),
  },
  ...answerItems("foraldrar", "föräldrar", "sofia-4q-parent"),
  ...answerItems("barn", "barn", "sofia-4q-child"),
  ...staff(),
  ...perspective(),
  ...placements(),
]);

/** Median and 90th percentile waits in days, for families whose request came in the period. */
function waits(): { key: string; name: string; content: Definition }[] {
  const spans = [
    ["forfragan-tilldelning", "från förfrågan till tilldelade handläggare", "days_to_assignment"],
    ["tilldelning-forsta-mote", "från tilldelning till första familjemötet", "days_assignment_to_first_meeting"],
    ["forfragan-forsta-mote", "från förfrågan till första familjemötet", "days_to_first_meeting"],
  ] as const;
  return spans.flatMap(([key, span, field]) =>
    (["median", "p90"] as const).map((display) => {
      const name = `${display === "median" ? "Väntetid, median" : "Väntetid, 90:e percentilen"}, dagar ${span}`;
      return {
        key: `vantetid-${key}-${display}`,
        name,
        content: statistic(display, field, {
          section: "waits",
          name,
          description: "Räknas på förfrågningar som kom in under perioden och gick vidare till samtalsserien.",
          unit: "family",
          periodDate: "request_date",
          denominator: [continued],
          numerator: [],
        }),
      };
    }),
  );
}

/** The Sofia model's four questions: the mean per question and the distribution of each question's answers. */
function answerItems(audienceKey: string, audience: string, instrument: string): { key: string; name: string; content: Definition }[] {
  const ofInstrument: Filter = { field: "instrument", op: "eq", value: instrument };
  const mean = {
    key: `medelvarde-${audienceKey}`,
    name: `Medelvärde per fråga, ${audience}`,
    content: statistic("mean", "value", {
      section: "answers",
      name: `Medelvärde per fråga, ${audience}`,
      description: "Medelvärdet på skalan 1–4 per fråga i Sofiamodellens fyra frågor; vet inte räknas inte.",
      unit: "answer",
      periodDate: "submitted_on",
      denominator: [ofInstrument],
      numerator: [],
      groupBy: { field: "item" },
    }),
  };
  const items = [
    ["information", "information"],
    ["lyssnad-pa", "lyssnad på"],
    ["prata-om-alkohol-droger", "att prata om alkohol och droger"],
    ["helhet", "helheten"],
  ] as const;
  const distributions = items.map(([item, words]) => ({
    key: `fordelning-${audienceKey}-${item}`,
    name: `Svarsfördelning, ${audience}: ${words}`,
    content: count({
      section: "answers",
      name: `Svarsfördelning, ${audience}: ${words}`,
      description: "Antal svar per steg på skalan; saknat värde är vet inte.",
      unit: "answer",
      periodDate: "submitted_on",
      denominator: [ofInstrument, { field: "item", op: "eq", value: item }],
      numerator: [],
      groupBy: { field: "value" },
    }),
  }));
  return [mean, ...distributions];
}

/** Staff participation per unit: the caseworkers who took part and how many families each had. */
function staff(): { key: string; name: string; content: Definition }[] {
  const base = { unit: "caseworker" as const, periodDate: "period", groupBy: { field: "unit_name" } };
  const tookPart: Filter = { field: "took_part", op: "is_true" };
  const perCaseworker = (display: "mean" | "min" | "max", words: string) => ({
    key: `familjer-per-handlaggare-${display}`,
    name: `Familjer per deltagande handläggare, ${words}`,
    content: statistic(display, "families", {
      section: "staff",
      ...base,
      name: `Familjer per deltagande handläggare, ${words}`,
      description: "Familjer (processer) som handläggaren varit barn- eller vuxenhandläggare för under perioden, per enhet.",
      denominator: [tookPart],
      numerator: [],
    }),
  });
  return [
    {
      key: "handlaggare-deltagit",
      name: "Handläggare som deltagit, andel av enhetens",
      content: percent({
        section: "staff",
        ...base,
        name: "Handläggare som deltagit, andel av enhetens",
        description:
          "Enhetens aktiva handläggare som varit barn- eller vuxenhandläggare i minst en familj under perioden. En handläggare i två enheter räknas i båda.",
        denominator: [],
        numerator: [tookPart],
      }),
    },
    perCaseworker("mean", "medelvärde"),
    perCaseworker("min", "minst"),
    perCaseworker("max", "flest"),
  ];
}

/** The gender and child perspective: who has the problem, attitude, custody, household, the children, case types. */
function perspective(): { key: string; name: string; content: Definition }[] {
  const families = (key: string, name: string, field: string) => ({
    key,
    name,
    content: count({
      section: "perspective",
      name,
      unit: "family",
      periodDate: "request_date",
      denominator: [],
      numerator: [],
      groupBy: { field },
    }),
  });
  const children = (key: string, name: string, field: string) => ({
    key,
    name,
    content: count({
      section: "perspective",
      name,
      unit: "child",
      periodDate: "request_date",
      denominator: [],
      numerator: [],
      groupBy: { field },
    }),
  });
  return [
    families("perspektiv-foralder-med-problem", "Familjer efter vilken förälder som har problematiken", "problem_parent"),
    {
      key: "perspektiv-positiv-till-stod",
      name: "Föräldern med problematik positiv till stöd, efter vilken förälder",
      content: percent({
        section: "perspective",
        name: "Föräldern med problematik positiv till stöd, efter vilken förälder",
        description:
          "Familjer där föräldern (alla föräldrar) med problematik är positiv till stöd; när båda har problematik räknas den minst positiva.",
        unit: "family",
        periodDate: "request_date",
        denominator: [{ field: "problem_parent_attitude", op: "not_null" }],
        numerator: [{ field: "problem_parent_attitude", op: "eq", value: "positive" }],
        groupBy: { field: "problem_parent" },
      }),
    },
    families("perspektiv-vardnad", "Familjer efter vårdnad", "custody"),
    families("perspektiv-hushall", "Familjer efter hushåll", "household"),
    families("perspektiv-arendetyp", "Familjer efter ärendetyp", "case_type"),
    children("perspektiv-barn-alder", "Barn efter åldersgrupp", "age_band"),
    children("perspektiv-barn-kon", "Barn efter kön", "gender"),
  ];
}

/**
 * The placement indicators (issue 18, Skarpnäck's placeringsforum), each broken down by whether the
 * child is of a family Sofia knows or not (`family`: Sofia families against others, decision 0065).
 * Each counts in the period of the date that defines it (decision 0046): the review and the
 * emergency limit by the placement's start, the days placed and the return home by its end.
 */
function placements(): { key: string; name: string; content: Definition }[] {
  const base = { unit: "placement" as const, section: "placements" as const, groupBy: { field: "family" } };
  const days = (display: "median" | "p90", words: string) => {
    const name = `Dagar placerad, ${words}, avslutade placeringar`;
    return {
      key: `placering-dagar-${display}`,
      name,
      content: statistic(display, "days_placed", {
        ...base,
        name,
        description:
          "Dagar från placeringens start till dess slut, för placeringar som avslutades under perioden (räknas i perioden för slutdatumet). En placering som pågår har inget slut och räknas inte här förrän den avslutas.",
        periodDate: "end_date",
        denominator: [],
        numerator: [],
      }),
    };
  };
  return [
    {
      key: "placering-forum-inom-gransen",
      name: "Placerade barn som tagits upp på placeringsforum inom gränsen",
      content: percent({
        ...base,
        name: "Placerade barn som tagits upp på placeringsforum inom gränsen",
        description:
          "Placeringar som började under perioden och togs upp på ett hållet placeringsforum daterat senast så många dagar efter starten som kommunens gräns för placeringsforum säger. En placering vars sista dag inte har passerat och som inte tagits upp ännu räknas inte förrän den tagits upp eller dagen passerat.",
        periodDate: "start_date",
        denominator: [{ field: "review_state", op: "in", value: ["reviewed_in_time", "reviewed_late", "not_reviewed"] }],
        numerator: [{ field: "review_state", op: "eq", value: "reviewed_in_time" }],
      }),
    },
    days("median", "median"),
    days("p90", "90:e percentilen"),
    {
      key: "placering-jourhem-inom-gransen",
      name: "Placeringar i jourhem som avslutats inom gränsen",
      content: percent({
        ...base,
        name: "Placeringar i jourhem som avslutats inom gränsen",
        description:
          "Placeringar i jourhem som började under perioden och avslutades senast så många dagar efter starten som kommunens gräns för jourhemsplacering säger. En placering som pågår räknas när gränsens sista dag har passerat (som inte avslutad i tid), inte före.",
        periodDate: "start_date",
        denominator: [
          { field: "kind", op: "eq", value: "emergency_foster_home" },
          { field: "emergency_state", op: "in", value: ["ended_in_time", "ended_late", "over_limit"] },
        ],
        numerator: [{ field: "emergency_state", op: "eq", value: "ended_in_time" }],
      }),
    },
    {
      key: "placering-hemflytt",
      name: "Avslutade placeringar där barnet flyttade hem",
      content: percent({
        ...base,
        name: "Avslutade placeringar där barnet flyttade hem",
        description:
          "Placeringar som avslutades under perioden (räknas i perioden för slutdatumet) där barnet flyttade hem, av alla som avslutades. En placering som pågår räknas inte.",
        periodDate: "end_date",
        denominator: [],
        numerator: [{ field: "end_destination", op: "eq", value: "home" }],
      }),
    },
  ];
}
