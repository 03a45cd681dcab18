/** Long-term outcomes and comparison groups over the JSON API, through the same services as the pages. */
import { z } from "zod";
import { problems as commonProblems, importRowsProblem, importRowsProblemBody, problem } from "../platform/api-schemas.ts";
import { dateInput } from "../platform/date-input.ts";
import { type App, problem as sendProblem } from "../platform/http.ts";
import { measures, recordInput, schoolValues } from "./model.ts";
import { paths } from "./paths.ts";
import * as outcomes from "./service.ts";

const tags = ["Långsiktiga utfall"];
const problems = {
  ...commonProblems,
  409: problem("Versionen är inaktuell (någon annan har ändrat posten) eller namnet är upptaget; ingenting ändrades"),
};
const idParams = z.object({ id: z.string().describe("Postens id (UUID)") });
const isoDate = z.iso.date();
const yesNo = z.union([z.boolean(), z.string(), z.number()]).nullable().optional().describe("ja/nej, true/false eller 1/0");

const followupSchema = z
  .object({
    id: z.uuid(),
    processId: z.uuid(),
    horizon: z.number().int().describe("1 eller 2 år efter avslut"),
    dueOn: isoDate,
    status: z.enum(["open", "recorded", "not_possible"]),
    emergencyPlacement: z.boolean().nullable(),
    reReferral: z.boolean().nullable(),
    schoolConsent: z.boolean(),
    schoolAttendance: z.enum(schoolValues).nullable().describe("Bara när vårdnadshavarnas samtycke finns"),
    notPossibleReason: z.string().nullable(),
    source: z.enum(["manual", "import"]).nullable(),
    recordedAt: z.iso.datetime().nullable(),
    version: z.number().int().describe("Skicka med vid ändring (optimistisk låsning)"),
  })
  .describe("En uppföljning ett eller två år efter avslutad samtalsserie");

type FollowupRow = Awaited<ReturnType<typeof outcomes.recordFollowup>>;
const followupOut = (f: FollowupRow) => ({
  id: f.id,
  processId: f.processId,
  horizon: f.horizon,
  dueOn: f.dueOn,
  status: f.status as "open" | "recorded" | "not_possible",
  emergencyPlacement: f.emergencyPlacement,
  reReferral: f.reReferral,
  schoolConsent: f.schoolConsent,
  schoolAttendance: f.schoolAttendance as "kept" | "not_kept" | null,
  notPossibleReason: f.notPossibleReason,
  source: f.source as "manual" | "import" | null,
  recordedAt: f.recordedAt ? f.recordedAt.toISOString() : null,
  version: f.version,
});

const recordBody = recordInput;

const importResult = z.object({ rowCount: z.number().int(), groupId: z.uuid().optional() });

const groupSchema = z.object({
  id: z.uuid(),
  name: z.string(),
  description: z.string(),
  kind: z.enum(["records", "aggregate"]),
  rows: z.number().int(),
  createdAt: z.iso.datetime(),
});

const figureSchema = z.object({
  source: z.string().describe("sofia eller jämförelsegruppens id"),
  label: z.string(),
  n: z.number().int().nullable().describe("Null när uppgiften döljs (för liten grupp)"),
  total: z.number().int().nullable(),
  percent: z.number().nullable(),
  suppressed: z.boolean(),
});

/** The 400 answer of an import whose rows are refused: ImportRowsProblem, every bad row with its row, column and reason. */
const rowsRefused = importRowsProblem.describe(
  "Felaktiga rader: errors listar varje fel (field: rows.<rad>.<kolumn>), och rows varje felaktig rad med rad, kolumn och skäl; ingenting importerades (application/problem+json)",
);

function rejected(
  reply: Parameters<typeof sendProblem>[0],
  t: (k: string, p?: Record<string, string | number>) => string,
  e: outcomes.ImportRejectedError,
) {
  const rows = e.rowErrors.map((r) => ({
    row: r.row,
    column: r.column,
    columnName: t(`outcomes.import.column.${r.column}`),
    reason: t(r.messageKey, r.params),
  }));
  return reply
    .code(400)
    .header("content-type", "application/problem+json; charset=utf-8")
    .header("cache-control", "no-store")
    .send(
      importRowsProblemBody(t("outcomes.import.refusedApi", { n: e.rowErrors.length }), rows, (r) =>
        t("outcomes.import.rowError", { row: r.row, column: r.columnName, reason: r.reason }),
      ),
    );
}

export function outcomesApi(app: App): void {
  app.get(
    paths.apiFollowups.pattern,
    {
      config: { permission: "outcomes.record" },
      schema: {
        tags,
        summary: "Uppföljningar att registrera",
        description: "Öppna uppföljningar som har infallit, för de familjer användaren arbetar med. Varje familj som visas loggas.",
        response: {
          200: z.array(
            z.object({
              id: z.uuid(),
              processId: z.uuid(),
              horizon: z.number().int(),
              dueOn: isoDate,
              completedOn: isoDate.nullable(),
              familyName: z.string(),
            }),
          ),
          401: problems[401],
          403: problems[403],
        },
      },
    },
    async (req) => outcomes.listDue(req.ctx),
  );

  app.get(
    paths.apiFollowup.pattern,
    {
      config: { permission: "outcomes.record" },
      schema: {
        tags,
        summary: "En uppföljning",
        params: idParams,
        response: { 200: followupSchema, 401: problems[401], 403: problems[403], 404: problems[404] },
      },
    },
    async (req) => followupOut((await outcomes.getFollowup(req.ctx, req.params.id)).followup),
  );

  app.put(
    paths.apiFollowup.pattern,
    {
      config: { permission: "outcomes.record" },
      schema: {
        tags,
        summary: "Registrera en uppföljning",
        description: "Skolnärvaro får bara anges när vårdnadshavarnas samtycke finns (schoolConsent: true), och måste då anges.",
        params: idParams,
        body: recordBody,
        response: { 200: followupSchema, ...problems },
      },
    },
    async (req) => followupOut(await outcomes.recordFollowup(req.ctx, req.params.id, req.body)),
  );

  app.post(
    paths.apiImports.pattern,
    {
      config: { permission: "outcomes.import" },
      schema: {
        tags,
        summary: "Importera utfall ur verksamhetssystemet",
        description:
          "Alla rader eller ingen: är någon rad fel importeras ingenting och svaret (400) listar varje fel med rad (1 = första raden i listan) och fält. Personnumret (12 siffror) är en familjemedlems; familjen måste ha en uppföljning för horisonten som har infallit. Personnummer loggas aldrig.",
        body: z.object({
          rows: z
            .array(
              z.object({
                identityNumber: z.string(),
                horizon: z.union([z.number(), z.string()]),
                emergencyPlacement: yesNo,
                reReferral: yesNo,
                schoolConsent: yesNo,
                schoolAttendance: z.string().nullable().optional().describe("kept/not_kept eller bibehållen/inte bibehållen"),
              }),
            )
            .min(1)
            .max(5000),
        }),
        response: { 201: importResult, ...problems, 400: rowsRefused },
      },
    },
    async (req, reply) => {
      try {
        return reply.code(201).send(await outcomes.importJson(req.ctx, "outcomes", req.body.rows));
      } catch (e) {
        if (e instanceof outcomes.ImportRejectedError) return rejected(reply, req.t, e);
        throw e;
      }
    },
  );

  app.get(
    paths.apiComparison.pattern,
    {
      config: { permission: "followup.view" },
      schema: {
        tags,
        summary: "Utfall bredvid jämförelsegrupperna",
        description:
          "Per mått och horisont: Sofias familjer som avslutade under perioden och varje jämförelsegrupp, antal av totalt och andel. Små grupper döljs (null, suppressed: true). Jämförelsegruppen är inte slumpad.",
        querystring: z.object({
          from: dateInput("outcomes.results.dateInvalid").describe(
            "Periodens första dag, ÅÅÅÅ-MM-DD (även 20/12 2026 och 20 dec 2026 tas emot)",
          ),
          to: dateInput("outcomes.results.dateInvalid").describe(
            "Periodens sista dag, ÅÅÅÅ-MM-DD (även 20/12 2026 och 20 dec 2026 tas emot)",
          ),
        }),
        response: {
          200: z.object({
            from: isoDate,
            to: isoDate,
            minGroupSize: z.number().int(),
            groups: z.array(z.object({ id: z.uuid(), name: z.string(), kind: z.string() })),
            rows: z.array(z.object({ measure: z.enum(measures), horizon: z.number().int(), figures: z.array(figureSchema) })),
            emergencySources: z
              .array(
                z.object({
                  horizon: z.number().int(),
                  placements: z.number().int().nullable().describe("Uppföljningar lästa ur placeringarna i Sofia; null: dolt (för få)"),
                  followups: z
                    .number()
                    .int()
                    .nullable()
                    .describe("Uppföljningar ur journalimporten eller registrerade; null: dolt (för få)"),
                }),
              )
              .describe(
                "Varifrån Sofias siffra för akut placering kom, per horisont: placeringarna (för en familj vars barn finns bland de placerade barnen) eller uppföljningarna",
              ),
            notRandomised: z.literal(true),
          }),
          ...problems,
        },
      },
    },
    async (req) => {
      const comparison = await outcomes.outcomeComparison(req.ctx, req.query);
      return { ...comparison, emergencySources: comparison.emergencySources ?? [], notRandomised: true as const };
    },
  );

  app.get(
    paths.apiGroups.pattern,
    {
      config: { permission: "comparison.manage" },
      schema: { tags, summary: "Jämförelsegrupperna", response: { 200: z.array(groupSchema), 401: problems[401], 403: problems[403] } },
    },
    async (req) =>
      (await outcomes.listGroups(req.ctx)).map((g) => ({
        ...g,
        kind: g.kind as "records" | "aggregate",
        createdAt: g.createdAt.toISOString(),
      })),
  );

  app.post(
    paths.apiGroups.pattern,
    {
      config: { permission: "comparison.manage" },
      schema: {
        tags,
        summary: "Importera en jämförelsegrupp",
        description:
          "Anonyma poster (records: referenceDate, horizon, emergencyPlacement, reReferral, furtherSupport, schoolAttendance) eller aggregat (aggregates: measure, horizon, periodFrom, periodTo, numerator, denominator). Alla rader eller ingen; inga namn eller personnummer.",
        body: z.object({
          name: z.string(),
          description: z.string().optional(),
          records: z
            .array(
              z.object({
                referenceDate: z.string(),
                horizon: z.union([z.number(), z.string()]),
                emergencyPlacement: yesNo,
                reReferral: yesNo,
                furtherSupport: yesNo,
                schoolAttendance: z.string().nullable().optional(),
              }),
            )
            .max(5000)
            .optional(),
          aggregates: z
            .array(
              z.object({
                measure: z.enum(measures),
                horizon: z.union([z.number(), z.string()]).nullable().optional(),
                periodFrom: z.string(),
                periodTo: z.string(),
                numerator: z.number().int(),
                denominator: z.number().int(),
              }),
            )
            .max(5000)
            .optional(),
        }),
        response: { 201: importResult, ...problems, 400: rowsRefused },
      },
    },
    async (req, reply) => {
      const b = req.body;
      if ((b.records ? 1 : 0) + (b.aggregates ? 1 : 0) !== 1)
        return sendProblem(reply, 400, req.t("outcomes.groups.kindRequired"), [
          { field: "records", message: req.t("outcomes.groups.kindRequired") },
        ]);
      const group = { name: b.name, description: b.description ?? "" };
      try {
        const result = b.records
          ? await outcomes.importJson(req.ctx, "comparison_records", b.records, group)
          : await outcomes.importJson(req.ctx, "comparison_aggregates", b.aggregates ?? [], group);
        return reply.code(201).send(result);
      } catch (e) {
        if (e instanceof outcomes.ImportRejectedError) return rejected(reply, req.t, e);
        throw e;
      }
    },
  );

  app.delete(
    paths.apiGroup.pattern,
    {
      config: { permission: "comparison.manage" },
      schema: {
        tags,
        summary: "Ta bort en jämförelsegrupp",
        params: idParams,
        response: { 204: z.null().describe("Borttagen"), ...problems },
      },
    },
    async (req, reply) => {
      await outcomes.deleteGroup(req.ctx, req.params.id);
      return reply.code(204).send(null);
    },
  );
}
