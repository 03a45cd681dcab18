/**
 * The indicators every municipality starts with, from the follow-up chapters of the seed reports:
 * the funnel from request to completion, the process goals, meetings, child meetings, waits and
 * interruptions, further support, and the families' answers. Each is a definition as data
 * (indicator-model.ts), checked by the same schema as one saved through the API.
 */
import { type Definition, definitionSchema, type Filter } from "./indicator-model.ts";

const startedPhases: Filter = { field: "phase", op: "in", value: ["started", "halfway", "completed"] };
const completed: Filter = { field: "phase", op: "eq", value: "completed" };
const continued: Filter = { field: "decision", op: "eq", value: "continued" };

const count = (d: Omit<Definition, "display" | "target" | "minGroupSize" | "groupBy" | "description"> & Partial<Definition>) =>
  definitionSchema.parse({ display: "count", target: null, minGroupSize: null, groupBy: null, description: "", ...d });
const percent = (d: Omit<Definition, "display" | "minGroupSize" | "groupBy" | "description"> & Partial<Definition>) =>
  definitionSchema.parse({ display: "percent", minGroupSize: null, groupBy: null, description: "", ...d });

/** Positive answers on the four-step faces scale: the two upper steps. */
const positive: Filter = { field: "value", op: "gte", value: 3 };
const answered: Filter = { field: "value", op: "not_null" };

export const seededIndicators: readonly { key: string; name: string; content: Definition }[] = [
  {
    key: "tratt-sofiamote",
    name: "Förfrågningar som tagits upp på Sofiamöte",
    content: count({
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
    name: "Barnsamtal hållna av möjliga",
    content: percent({
      name: "Barnsamtal hållna av möjliga",
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
    name: "Barn vars vårdnadshavare nekat samtycke till barnsamtal",
    content: count({
      name: "Barn vars vårdnadshavare nekat samtycke till barnsamtal",
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
];
