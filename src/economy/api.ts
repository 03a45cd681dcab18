/** The project economy over the JSON API: projects, grants, costs, imports, summary and savings, through the same services as the pages. */
import multipart from "@fastify/multipart";
import type { FastifyReply, FastifyRequest } from "fastify";
import { validatorCompiler } from "fastify-type-provider-zod";
import { z } from "zod";
import { problems as commonProblems, importRowsProblem, importRowsProblemBody, problem } from "../platform/api-schemas.ts";
import { ValidationError } from "../platform/errors.ts";
import { type App, problem as sendProblem } from "../platform/http.ts";
import type { RowError } from "./import.ts";
import { costCategories, fundingKinds } from "./model.ts";
import { paths } from "./paths.ts";
import {
  budgetBody,
  costBody,
  importBody,
  projectBody,
  projectPatchBody,
  savingsBody,
  unitCostBody,
  unitCostPatchBody,
} from "./schemas.ts";
import * as economy from "./service.ts";
import { columnName, rowErrorText } from "./views.tsx";
import { XLSX_LIMITS } from "./xlsx.ts";

const tags = ["Projektekonomi"];
const problems = {
  ...commonProblems,
  409: problem("Versionen är inaktuell (någon annan har ändrat posten) eller namnet är upptaget; ingenting ändrades"),
};
const readProblems = { 401: problems[401], 403: problems[403], 404: problems[404] };

const kronor = z.number().int().describe("Hela kronor");
const timestamp = z.iso.datetime();
const idParams = z.object({ id: z.string().describe("Projektets id (UUID)") });
const yearAmount = z.object({ year: z.number().int(), amount: kronor });

const projectSchema = z
  .object({
    id: z.uuid(),
    name: z.string(),
    fundingSource: z.string().describe("Finansieringskälla"),
    fundingKind: z.enum(fundingKinds),
    fromYear: z.number().int(),
    toYear: z.number().int(),
    ownContribution: kronor.describe("Kommunens egen insats"),
    savingsHorizonYears: z.number().int().describe("År som besparingsuppskattningen räknas över"),
    version: z.number().int().describe("Skicka med vid ändring (optimistisk låsning)"),
    createdAt: timestamp,
    updatedAt: timestamp,
  })
  .describe("Ett projekt (t.ex. en social investering)");

const projectListItem = projectSchema.extend({
  granted: kronor.describe("Beviljat totalt"),
  spent: kronor.describe("Förbrukat totalt"),
  remaining: kronor.describe("Återstår totalt"),
});

const costSchema = z
  .object({
    id: z.uuid(),
    year: z.number().int(),
    halfYear: z.number().int().nullable().describe("1 eller 2, null för hela året"),
    category: z.enum(costCategories),
    label: z.string().nullable().describe("Fri kategoris namn, eller kontots benämning vid import"),
    amount: kronor,
    source: z.enum(["manual", "import"]),
    importBatchId: z.uuid().nullable(),
    account: z.string().nullable(),
    version: z.number().int().describe("Skicka med vid borttagning"),
  })
  .describe("En kostnad");

const yearSummary = z.object({
  year: z.number().int(),
  granted: kronor,
  spent: kronor,
  remaining: kronor.describe("Beviljat − förbrukat"),
  deviation: kronor.describe("Förbrukat − beviljat: över noll betyder över budget"),
});

const summarySchema = z
  .object({
    years: z.array(yearSummary),
    total: yearSummary.omit({ year: true }),
    lastYear: z.number().int(),
    lastYearRemainder: kronor.describe("Vad som återstår till sista året: hela anslaget minus kostnaderna åren före"),
    categories: z.array(
      z.object({
        key: z.string(),
        category: z.enum(costCategories),
        label: z.string().nullable(),
        perYear: z.array(kronor),
        total: kronor,
      }),
    ),
    ownContribution: kronor,
  })
  .describe("Beviljat, förbrukat, återstående och avvikelse per år och totalt");

const projectDetailSchema = z.object({
  project: projectSchema,
  grants: z.array(yearAmount).describe("Beviljat per år"),
  repayments: z.array(yearAmount).describe("Återbetalningsplan"),
  costs: z.array(costSchema),
  summary: summarySchema,
});

const unitCostSchema = z.object({ id: z.uuid(), label: z.string(), unit: z.string(), amount: kronor, version: z.number().int() });

const savingsSchema = z
  .object({
    kind: z.literal("estimate").describe("Alltid estimate: en uppskattning utifrån antaganden, inte uppmätta resultat"),
    notice: z.string().describe("Uppskattning – antaganden, inte uppmätta resultat"),
    horizonYears: z.number().int(),
    assumptions: z.array(
      z.object({
        label: z.string(),
        unit: z.string(),
        unitCost: kronor.describe("Antagande: styckkostnad som kommunen satt"),
        avoidedPerYear: z.number().int().describe("Antagande: undvikna enheter per år"),
        basis: z.string().describe("Underlaget för antagandet"),
        perYear: kronor,
        overHorizon: kronor,
      }),
    ),
    perYear: kronor,
    overHorizon: kronor,
    repayments: z.array(yearAmount),
    repaymentTotal: kronor,
    balance: kronor.describe("Uppskattad besparing över horisonten minus återbetalningsplanen"),
    version: z.number().int().describe("Projektets version, att skicka med vid ändring"),
  })
  .describe("Besparingsuppskattningen bredvid återbetalningsplanen");

const budgetFigures = {
  granted: kronor.describe("Beviljat"),
  spent: kronor.describe("Förbrukat"),
  deviation: kronor.describe("Förbrukat − beviljat: över noll betyder över budget"),
  remaining: kronor.describe("Beviljat − förbrukat"),
};
const categoryBudget = z.object({
  key: z.string().describe("Kategorin, eller other:<namn> för en fri kategori"),
  category: z.enum(costCategories),
  label: z.string().nullable(),
  ...budgetFigures,
});
const budgetSchema = z
  .object({
    version: z.number().int().describe("Projektets version, att skicka med vid ändring"),
    lines: z.array(z.object({ year: z.number().int(), category: z.enum(costCategories), label: z.string().nullable(), amount: kronor })),
    years: z.array(
      z.object({
        year: z.number().int(),
        ...budgetFigures,
        unallocated: kronor.describe("Årets beviljade belopp som inte är fördelat på någon kategori"),
        categories: z.array(categoryBudget),
      }),
    ),
    categories: z.array(categoryBudget).describe("Varje kategori över projektets år"),
    total: z.object(budgetFigures),
  })
  .describe("Budget per år och kostnadskategori bredvid vad som förbrukats");

const toBudget = (d: economy.ProjectBudgetDetail): z.output<typeof budgetSchema> => ({
  version: d.version,
  lines: d.lines,
  years: d.table.years,
  categories: d.table.categories,
  total: d.table.total,
});

const importResultSchema = z.object({ batchId: z.uuid(), rowCount: z.number().int(), total: kronor });

const fileImportBody = z
  .object({
    file: z.string().meta({ format: "binary" }).describe("Ekonomisystemets export: CSV (semikolon eller komma) eller XLSX, högst 5 MB"),
    mapping: z
      .string()
      .optional()
      .describe(
        'Kategori per konto som JSON-text, t.ex. [{"account":"7010","category":"labour"}]; konton som saknas här tar projektets sparade koppling eller kontoplanens gissning (BAS)',
      ),
  })
  .describe("multipart/form-data med fälten file och (valfritt) mapping");

const filePreviewSchema = z
  .object({
    dryRun: z.literal(true),
    fileName: z.string(),
    format: z.enum(["csv", "xlsx"]),
    rowCount: z.number().int().describe("Rader som skulle importeras"),
    total: kronor.describe("Summan av raderna"),
    accounts: z.array(
      z.object({
        account: z.string(),
        text: z.string().nullable(),
        category: z.enum(costCategories),
        label: z.string().nullable(),
      }),
    ),
    rows: z.array(
      z.object({
        row: z.number().int().describe("Raden i filen (rubrikraden är rad 1)"),
        account: z.string(),
        text: z.string().nullable(),
        year: z.number().int(),
        halfYear: z.number().int().nullable(),
        category: z.enum(costCategories),
        label: z.string().nullable(),
        amount: kronor,
      }),
    ),
  })
  .describe("Provkörning: vad filen skulle importera; ingenting sparas");

const rowProblem = importRowsProblem;

interface ApiFile {
  file: { fileName: string; data: Buffer } | null;
  tooLarge: boolean;
  mapping: string | null;
}

/** The multipart body, read in the handler, after the permission check: the file in memory up to 5 MB, a larger one marked. */
async function readApiMultipart(req: FastifyRequest): Promise<ApiFile> {
  const out: ApiFile = { file: null, tooLarge: false, mapping: null };
  for await (const part of req.parts()) {
    if (part.type === "file") {
      const data = await part.toBuffer();
      if (part.file.truncated) out.tooLarge = true;
      else if (part.fieldname === "file") out.file = { fileName: part.filename || "export", data };
    } else if (part.fieldname === "mapping" && typeof part.value === "string") out.mapping = part.value;
  }
  return out;
}

const mappingList = importBody.shape.mapping;

function chosenFrom(mapping: string | null): economy.Chosen {
  if (mapping === null || mapping.trim() === "") return {};
  let json: unknown;
  try {
    json = JSON.parse(mapping);
  } catch {
    throw new ValidationError({ mapping: "economy.import.mappingInvalid" });
  }
  const parsed = mappingList.safeParse(json);
  if (!parsed.success) throw new ValidationError({ mapping: "economy.import.mappingInvalid" });
  return Object.fromEntries(parsed.data.map((m) => [m.account, { category: m.category, label: m.label?.trim() || null }]));
}

/** Every bad row, as field errors (like every API problem) and as rows with row, column and reason. */
function sendRowProblem(req: FastifyRequest, reply: FastifyReply, rowErrors: RowError[]) {
  const rows = rowErrors.map((r) => ({
    row: r.row,
    column: r.column === "_file" ? "file" : r.column,
    columnName: columnName(req.t, r.column),
    reason: req.t(r.messageKey, r.params),
  }));
  return reply
    .code(400)
    .header("content-type", "application/problem+json; charset=utf-8")
    .header("cache-control", "no-store")
    .send(
      importRowsProblemBody(req.t("economy.import.refusedApi", { n: rowErrors.length }), rows, (r) =>
        req.t("economy.import.rowError", { row: r.row, column: r.columnName, reason: r.reason }),
      ),
    );
}

const toProject = <P extends economy.Project>(p: P) => ({
  ...p,
  createdAt: p.createdAt.toISOString(),
  updatedAt: p.updatedAt.toISOString(),
});
const toCost = (c: economy.CostRow) => ({
  id: c.id,
  year: c.year,
  halfYear: c.halfYear,
  category: c.category,
  label: c.label,
  amount: c.amount,
  source: c.source,
  importBatchId: c.importBatchId,
  account: c.account,
  version: c.version,
});
const toUnitCost = (u: economy.UnitCost) => ({ id: u.id, label: u.label, unit: u.unit, amount: u.amount, version: u.version });

function toSavings(d: economy.SavingsPage, notice: string): z.output<typeof savingsSchema> {
  const e = d.estimate;
  return {
    kind: "estimate",
    notice,
    horizonYears: e.horizonYears,
    assumptions: e.lines,
    perYear: e.perYear,
    overHorizon: e.overHorizon,
    repayments: e.repayments,
    repaymentTotal: e.repaymentTotal,
    balance: e.balance,
    version: d.project.version,
  };
}

export function economyApi(app: App): void {
  app.get(
    paths.apiProjects.pattern,
    {
      config: { permission: "economy.view" },
      schema: {
        tags,
        summary: "Lista projekten",
        description: "Kommunens projekt med beviljat, förbrukat och återstående totalt.",
        response: { 200: z.array(projectListItem), 401: problems[401], 403: problems[403] },
      },
    },
    async (req) => (await economy.listProjects(req.ctx)).map(toProject),
  );

  app.post(
    paths.apiProjects.pattern,
    {
      config: { permission: "economy.manage" },
      schema: {
        tags,
        summary: "Lägg upp ett projekt",
        description: "Med beviljat belopp per år (inom perioden) och återbetalningsplan. Belopp i hela kronor. Ändringen loggas.",
        body: projectBody,
        response: { 201: projectSchema, ...problems },
      },
    },
    async (req, reply) => reply.code(201).send(toProject(await economy.createProject(req.ctx, req.body))),
  );

  app.get(
    paths.apiProject.pattern,
    {
      config: { permission: "economy.view" },
      schema: {
        tags,
        summary: "Hämta ett projekt med kostnader och sammanställning",
        description: "Projektet, beviljat per år, återbetalningsplanen, kostnaderna och sammanställningen per år och totalt.",
        params: idParams,
        response: { 200: projectDetailSchema, ...readProblems },
      },
    },
    async (req) => {
      const d = await economy.getProject(req.ctx, req.params.id);
      return { project: toProject(d.project), grants: d.grants, repayments: d.repayments, costs: d.costs.map(toCost), summary: d.summary };
    },
  );

  app.put(
    paths.apiProject.pattern,
    {
      config: { permission: "economy.manage" },
      schema: {
        tags,
        summary: "Ändra ett projekt, beviljade belopp och återbetalningsplan",
        description: "Ersätter projektets uppgifter, beviljat per år och återbetalningsplanen. version måste vara den senast lästa.",
        params: idParams,
        body: projectPatchBody,
        response: { 200: projectSchema, ...problems },
      },
    },
    async (req) => toProject(await economy.updateProject(req.ctx, req.params.id, req.body)),
  );

  app.get(
    paths.apiSummary.pattern,
    {
      config: { permission: "economy.view" },
      schema: {
        tags,
        summary: "Sammanställning per år och totalt",
        description: "Beviljat, förbrukat, återstående, avvikelse (förbrukat − beviljat) och vad som återstår till sista året.",
        params: idParams,
        response: { 200: summarySchema, ...readProblems },
      },
    },
    async (req) => (await economy.getProject(req.ctx, req.params.id)).summary,
  );

  app.get(
    paths.apiBudget.pattern,
    {
      config: { permission: "economy.view" },
      schema: {
        tags,
        summary: "Budget per år och kostnadskategori",
        description:
          "Beviljat (per kategori: budgetraderna), förbrukat, avvikelse och återstående per år och kategori, och över projektets år.",
        params: idParams,
        response: { 200: budgetSchema, ...readProblems },
      },
    },
    async (req) => toBudget(await economy.getBudget(req.ctx, req.params.id)),
  );

  app.put(
    paths.apiBudget.pattern,
    {
      config: { permission: "economy.manage" },
      schema: {
        tags,
        summary: "Ändra budgeten per år och kostnadskategori",
        description:
          "Ersätter budgetraderna. Ett år inom projektperioden, en kategori en gång per år, och raderna för ett år sammanlagt högst årets beviljade belopp. version är projektets version. Ändringen loggas.",
        params: idParams,
        body: budgetBody,
        response: { 200: budgetSchema, ...problems },
      },
    },
    async (req) => toBudget(await economy.saveBudget(req.ctx, req.params.id, req.body)),
  );

  app.post(
    paths.apiCosts.pattern,
    {
      config: { permission: "economy.manage" },
      schema: {
        tags,
        summary: "Registrera en kostnad",
        description: "År inom projektperioden, eventuellt halvår, kategori (other kräver label) och belopp i hela kronor.",
        params: idParams,
        body: costBody,
        response: { 201: costSchema, ...problems },
      },
    },
    async (req, reply) => reply.code(201).send(toCost(await economy.addCost(req.ctx, req.params.id, req.body))),
  );

  app.delete(
    paths.apiCost.pattern,
    {
      config: { permission: "economy.manage" },
      schema: {
        tags,
        summary: "Ta bort en kostnad",
        params: z.object({ id: z.string(), costId: z.string() }),
        querystring: z.object({ version: z.coerce.number().int().positive().describe("Kostnadens version") }),
        response: { 204: z.null().describe("Borttagen"), ...problems },
      },
    },
    async (req, reply) => {
      await economy.deleteCost(req.ctx, req.params.id, req.params.costId, { version: req.query.version });
      return reply.code(204).send(null);
    },
  );

  app.post(
    paths.apiImports.pattern,
    {
      config: { permission: "economy.manage" },
      schema: {
        tags,
        summary: "Importera rader ur ekonomisystemets export",
        description:
          "Alla rader eller ingen: är någon rad fel importeras ingenting och svaret (400) listar varje fel med rad (1 = första raden i listan) och kolumn, t.ex. rows.3.amount. Kategori per konto tas ur mapping, annars projektets sparade koppling, annars kontoplanens gissning (BAS). Kopplingen sparas till nästa import.",
        params: idParams,
        body: importBody,
        response: { 201: importResultSchema, ...problems },
      },
    },
    async (req, reply) => {
      try {
        return reply.code(201).send(await economy.importRows(req.ctx, req.params.id, req.body));
      } catch (e) {
        if (!(e instanceof economy.ImportRejectedError)) throw e;
        const errors = e.rowErrors.map((r) => ({ field: `rows.${r.row}.${r.column}`, message: rowErrorText(req.t, r) }));
        return sendProblem(reply, 400, req.t("economy.import.refusedApi", { n: e.rowErrors.length }), errors);
      }
    },
  );

  // The file import is the API's only multipart route: the parser is registered for its scope only.
  app.register(async (scope) => {
    await scope.register(multipart, {
      throwFileSizeLimit: false,
      limits: { fileSize: economy.UPLOAD_MAX_BYTES, files: 1, fields: 2, fieldSize: 64 * 1024, parts: 3 },
    });
    scope.post(
      paths.apiImportFile.pattern,
      {
        config: { permission: "economy.manage" },
        // The body is multipart, read in the handler: its schema is for the reference only.
        validatorCompiler: (route) =>
          route.httpPart === "body"
            ? (data: unknown) => ({ value: data })
            : validatorCompiler(route as unknown as Parameters<typeof validatorCompiler>[0]),
        schema: {
          tags,
          summary: "Importera en fil ur ekonomisystemet (CSV eller XLSX)",
          description: [
            "Samma fil som på sidan Importera kostnader, som multipart/form-data (fältet file, högst 5 MB).",
            "Med ?dryRun=true provkörs filen: svaret (200) listar raderna som skulle importeras och ingenting sparas.",
            "Alla rader eller ingen: är någon rad fel importeras ingenting och svaret (400, application/problem+json) listar varje felaktig rad med rad (rubrikraden är rad 1), kolumn och orsak på svenska.",
            `En XLSX-fil kontrolleras innan den läses: högst ${XLSX_LIMITS.unpackedBytes / 1024 / 1024} MB uppackad, högst ${XLSX_LIMITS.entries} delar och högst ${XLSX_LIMITS.sheetRows} rader per kalkylblad.`,
            "Kategori per konto tas ur mapping, annars projektets sparade koppling, annars kontoplanens gissning (BAS). Kopplingen sparas vid import.",
          ].join(" "),
          consumes: ["multipart/form-data"],
          params: idParams,
          querystring: z.object({
            dryRun: z.enum(["true", "false"]).default("false").describe("true: provkör filen utan att spara något"),
          }),
          body: fileImportBody,
          response: {
            200: filePreviewSchema,
            201: importResultSchema.describe("Importerad: alla rader"),
            400: rowProblem.describe("Ingenting importerades: fel i filen eller i raderna (application/problem+json)"),
            401: problems[401],
            403: problems[403],
            404: problems[404],
            409: problems[409],
            413: problem("Filen är större än 5 MB; ingenting importerades"),
            415: problem("Inte multipart/form-data"),
          },
        },
      },
      async (req, reply) => {
        const query = req.query as { dryRun: "true" | "false" };
        if (!req.isMultipart()) return sendProblem(reply, 415, req.t("economy.import.notMultipart"));
        const body = await readApiMultipart(req);
        if (body.tooLarge) return sendProblem(reply, 413, req.t("economy.import.fileTooLarge"));
        try {
          const chosen = chosenFrom(body.mapping);
          if (query.dryRun === "true") {
            const p = await economy.previewFile(req.ctx, (req.params as { id: string }).id, body.file, chosen);
            return reply.code(200).send({
              dryRun: true as const,
              fileName: p.fileName,
              format: p.format,
              rowCount: p.lines.length,
              total: p.total,
              accounts: p.accounts.flatMap((a) =>
                a.mapping ? [{ account: a.account, text: a.text, category: a.mapping.category, label: a.mapping.label }] : [],
              ),
              rows: p.lines.map((l) => ({
                row: l.row,
                account: l.account,
                text: l.text,
                year: l.year,
                halfYear: l.halfYear,
                category: l.category,
                label: l.label,
                amount: l.amount,
              })),
            });
          }
          return reply.code(201).send(await economy.importFile(req.ctx, (req.params as { id: string }).id, body.file, chosen));
        } catch (e) {
          if (e instanceof economy.ImportRejectedError) return sendRowProblem(req, reply, e.rowErrors);
          throw e;
        }
      },
    );
  });

  app.get(
    paths.apiUnitCosts.pattern,
    {
      config: { permission: "economy.view" },
      schema: {
        tags,
        summary: "Lista styckkostnaderna",
        description: "Kostnader per enhet som kommunen satt för besparingsuppskattningar (t.ex. en månads jourhemsplacering).",
        response: { 200: z.array(unitCostSchema), 401: problems[401], 403: problems[403] },
      },
    },
    async (req) => (await economy.listUnitCosts(req.ctx)).map(toUnitCost),
  );

  app.post(
    paths.apiUnitCosts.pattern,
    {
      config: { permission: "economy.manage" },
      schema: { tags, summary: "Lägg till en styckkostnad", body: unitCostBody, response: { 201: unitCostSchema, ...problems } },
    },
    async (req, reply) => reply.code(201).send(toUnitCost(await economy.createUnitCost(req.ctx, req.body))),
  );

  app.put(
    paths.apiUnitCost.pattern,
    {
      config: { permission: "economy.manage" },
      schema: {
        tags,
        summary: "Ändra en styckkostnad",
        params: z.object({ id: z.string() }),
        body: unitCostPatchBody,
        response: { 200: unitCostSchema, ...problems },
      },
    },
    async (req) => toUnitCost(await economy.updateUnitCost(req.ctx, req.params.id, req.body)),
  );

  app.get(
    paths.apiSavings.pattern,
    {
      config: { permission: "economy.view" },
      schema: {
        tags,
        summary: "Besparingsuppskattning bredvid återbetalningsplanen",
        description:
          "Styckkostnad × undvikna enheter per år × år i horisonten. Uppskattning – antaganden, inte uppmätta resultat: varje antagande redovisas.",
        params: idParams,
        response: { 200: savingsSchema, ...readProblems },
      },
    },
    async (req) => toSavings(await economy.getSavings(req.ctx, req.params.id), req.t("economy.savings.estimateWarning")),
  );

  app.put(
    paths.apiSavings.pattern,
    {
      config: { permission: "economy.manage" },
      schema: {
        tags,
        summary: "Ändra antagandena för besparingsuppskattningen",
        description: "Horisont i år och undvikna enheter per år per styckkostnad, med underlag. version är projektets version.",
        params: idParams,
        body: savingsBody,
        response: { 200: savingsSchema, ...problems },
      },
    },
    async (req) => toSavings(await economy.saveSavings(req.ctx, req.params.id, req.body), req.t("economy.savings.estimateWarning")),
  );
}
