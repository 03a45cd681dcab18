/**
 * A survey instrument's content (enkätinstrument): who answers it and when, which meeting types it
 * follows, its answer scale with labels, and its items, every text in every language the version
 * declares. One zod schema validates the document whether it comes from the seed, the form or the
 * API; messages are catalog keys.
 */
import { z } from "zod";

export const audiences = ["parent", "child", "staff", "parent_annual"] as const;
export type Audience = (typeof audiences)[number];

/** When the instrument is answered; an instrument may be answered both before and after a series. */
export const timings = ["after_meeting", "before_series", "after_series", "annual"] as const;
export type Timing = (typeof timings)[number];

export const scaleKinds = ["faces4", "frequency4", "agree4", "scale10"] as const;
export type ScaleKind = (typeof scaleKinds)[number];

/** Every instrument has Swedish; other languages are optional and declared per version. */
export const BASE_LANGUAGE = "sv";

/** The values a scale kind's options must have, exactly once each. */
export function scaleValues(kind: ScaleKind): number[] {
  const top = kind === "scale10" ? 10 : 4;
  return Array.from({ length: top }, (_, i) => i + 1);
}

const key = z
  .string()
  .trim()
  .regex(/^[a-z0-9]+(-[a-z0-9]+)*$/, "surveys.error.key")
  .max(60, "surveys.error.key");
/** A language code: ISO 639-1 (sv, en, ar …), or easy Swedish as the private-use tag sv-x-ll (decision 0042). */
const language = z.string().regex(/^[a-z]{2}(-x-[a-z]{2,8})?$/, "surveys.error.language");
const text = z.string().trim().min(1, "surveys.error.textRequired").max(300, "surveys.error.textTooLong");
/** One text per language code. */
export const textsSchema = z.record(language, text);
export type Texts = z.output<typeof textsSchema>;

export const itemSchema = z.object({ key, texts: textsSchema });
export type Item = z.output<typeof itemSchema>;

export const optionSchema = z.object({
  value: z.number({ error: "surveys.error.scaleValues" }).int("surveys.error.scaleValues"),
  labels: textsSchema,
});

export const scaleSchema = z.object({
  kind: z.enum(scaleKinds),
  options: z.array(optionSchema),
  /** Whether "I don't know / I don't want to answer" may be chosen. */
  allowDontKnow: z.boolean(),
});
export type Scale = z.output<typeof scaleSchema>;

export const followsSchema = z.object({ workModelKey: key, meetingTypeKey: key });

export const contentSchema = z
  .object({
    /** The instrument's name as respondents see it. */
    name: textsSchema,
    audience: z.enum(audiences),
    /** Our own items, not a validated scale: results are read with that in mind. */
    local: z.boolean(),
    timing: z.array(z.enum(timings)).min(1, "surveys.error.timingRequired"),
    /** The meeting types, per work model, after which the instrument is answered. */
    follows: z.array(followsSchema).max(30, "surveys.error.tooManyFollows"),
    /** The languages every text is given in, Swedish first. */
    languages: z.array(language).min(1, "surveys.error.swedishRequired").max(10, "surveys.error.language"),
    /**
     * The languages whose texts need review by a native speaker, until an administrator confirms
     * each on the instrument page (survey_translation_confirmations). Never Swedish.
     */
    review: z.array(language).max(10, "surveys.error.language").optional(),
    scale: scaleSchema,
    items: z.array(itemSchema).min(1, "surveys.error.itemsRequired").max(30, "surveys.error.tooManyItems"),
  })
  .superRefine((c, ctx) => {
    const issue = (path: (string | number)[], message: string) => ctx.addIssue({ code: "custom", path, message });
    if (c.languages[0] !== BASE_LANGUAGE) issue(["languages"], "surveys.error.swedishRequired");
    if (new Set(c.languages).size !== c.languages.length) issue(["languages"], "surveys.error.duplicateLanguage");
    const declared = new Set(c.languages);
    const everyLanguage = (texts: Texts, path: (string | number)[]) => {
      for (const lang of c.languages) if (!(lang in texts)) issue([...path, lang], "surveys.error.textRequired");
      for (const lang of Object.keys(texts)) if (!declared.has(lang)) issue([...path, lang], "surveys.error.languageNotDeclared");
    };
    for (const lang of c.review ?? []) {
      if (lang === BASE_LANGUAGE || !declared.has(lang)) issue(["review"], "surveys.error.languageNotDeclared");
    }
    everyLanguage(c.name, ["name"]);
    for (const [i, item] of c.items.entries()) everyLanguage(item.texts, ["items", i, "texts"]);
    for (const [i, o] of c.scale.options.entries()) everyLanguage(o.labels, ["scale", "options", i, "labels"]);

    const seen = new Set<string>();
    c.items.forEach((item, i) => {
      if (seen.has(item.key)) issue(["items", i, "key"], "surveys.error.duplicateKey");
      seen.add(item.key);
    });

    const expected = scaleValues(c.scale.kind);
    const values = c.scale.options.map((o) => o.value).sort((a, b) => a - b);
    if (values.length !== expected.length || values.some((v, i) => v !== expected[i])) {
      issue(["scale", "options"], "surveys.error.scaleValues");
    }

    const afterMeeting = c.timing.includes("after_meeting");
    if (new Set(c.timing).size !== c.timing.length) issue(["timing"], "surveys.error.duplicateTiming");
    if (afterMeeting && c.follows.length === 0) issue(["follows"], "surveys.error.followsRequired");
    if (!afterMeeting && c.follows.length > 0) issue(["follows"], "surveys.error.followsOnlyAfterMeeting");
    const pairs = new Set<string>();
    c.follows.forEach((f, i) => {
      const pair = `${f.workModelKey}/${f.meetingTypeKey}`;
      if (pairs.has(pair)) issue(["follows", i], "surveys.error.duplicateFollows");
      pairs.add(pair);
    });
    const annualAudience = c.audience === "staff" || c.audience === "parent_annual";
    if (annualAudience !== c.timing.includes("annual") || (annualAudience && c.timing.length > 1)) {
      issue(["timing"], "surveys.error.annualAudience");
    }
  });
export type Content = z.output<typeof contentSchema>;

/** The text in the language asked for, or in Swedish when the version lacks that language. */
export function textIn(texts: Texts, lang: string): string {
  return texts[lang] ?? texts[BASE_LANGUAGE] ?? "";
}

/** The language to show a version in: the one asked for when the version has it, else Swedish. */
export function shownLanguage(content: Content, lang: string | undefined): string {
  return lang && content.languages.includes(lang) ? lang : BASE_LANGUAGE;
}

/** The languages of a version still waiting for a native speaker's review: flagged in the content and not confirmed. */
export function unreviewedLanguages(content: Content, confirmed: readonly string[]): string[] {
  return (content.review ?? []).filter((lang) => !confirmed.includes(lang));
}

/** "I don't know / I don't want to answer": a valid answer when the scale allows it, never a number. */
export const DONT_KNOW = "dont_know";

export type AnswerCheck = { ok: true; value: number | null } | { ok: false; error: string };

/**
 * Whether a value is an answer the instrument accepts for the item: a whole number on its scale,
 * or "don't know" (null value) when the scale allows it. Messages are catalog keys.
 */
export function validateAnswer(content: Content, itemKey: string, value: unknown): AnswerCheck {
  if (!content.items.some((i) => i.key === itemKey)) return { ok: false, error: "surveys.error.unknownItem" };
  if (value === DONT_KNOW) {
    return content.scale.allowDontKnow ? { ok: true, value: null } : { ok: false, error: "surveys.error.dontKnowNotAllowed" };
  }
  if (typeof value === "number" && Number.isInteger(value) && content.scale.options.some((o) => o.value === value)) {
    return { ok: true, value };
  }
  return { ok: false, error: "surveys.error.outsideScale" };
}

/** One item's answer as stored: a value on the scale, "don't know" (value null), or neither (not answered). */
export interface ItemAnswer {
  itemKey: string;
  value: number | null;
  dontKnow: boolean;
}

/** The answers as the JSON API lists them: per item a value or null, and whether it is "don't know". */
export const answerList = z
  .array(
    z.object({
      itemKey: z.string().min(1, "surveys.error.unknownItem").max(60, "surveys.error.unknownItem"),
      value: z.number({ error: "surveys.error.outsideScale" }).int("surveys.error.outsideScale").nullable(),
      dontKnow: z.boolean({ error: "surveys.error.outsideScale" }),
    }),
  )
  .max(30, "surveys.error.tooManyItems");

/**
 * The API's list as answers by item (`{ itemKey: value | "dont_know" | null }`, the shape of a
 * form's `answers.<itemKey>` fields); an item listed twice, or with a value and "don't know"
 * together, is refused at that item. Anything that is not such a list passes as it is.
 */
function byItem(input: unknown, ctx: z.RefinementCtx): unknown {
  if (!Array.isArray(input)) return input;
  const out: Record<string, unknown> = {};
  for (const a of input as Array<Partial<ItemAnswer>>) {
    const key = typeof a?.itemKey === "string" ? a.itemKey : "";
    if (Object.hasOwn(out, key)) ctx.addIssue({ code: "custom", path: [key], message: "responses.error.duplicateAnswer", input: a });
    else if (a?.dontKnow === true && a.value !== null)
      ctx.addIssue({ code: "custom", path: [key], message: "responses.error.valueAndDontKnow", input: a });
    out[key] = a?.dontKnow === true ? DONT_KNOW : a?.value;
  }
  return out;
}

/**
 * The answers a respondent may give to this instrument version, built from its items and scale:
 * per item a value on the scale, "dont_know" where the scale allows it, or nothing (null or left
 * out: not answered); any other item is refused as unknown, each at its own field
 * (`answers.<itemKey>` under the form's or the API's `answers`). The one schema of an answer: a
 * link's or a kiosk's form (`answers.<itemKey>` fields, decoded by it), a paper form typed in by
 * staff, and the JSON API's list (`answerList`, read as answers by item). The output lists every
 * item of the version in its order, unanswered ones as value null and not "don't know".
 */
export function answersSchema(content: Content) {
  const check = (itemKey: string) =>
    z
      .union([z.literal(DONT_KNOW), z.number()], { error: "surveys.error.outsideScale" })
      .nullable()
      .optional()
      .superRefine((value, ctx) => {
        if (value === null || value === undefined) return;
        const answer = validateAnswer(content, itemKey, value);
        if (!answer.ok) ctx.addIssue({ code: "custom", message: answer.error, input: value });
      });
  const unknownItem = z.unknown().superRefine((value, ctx) => {
    ctx.addIssue({ code: "custom", message: "surveys.error.unknownItem", input: value });
  });
  const items = z
    .object(Object.fromEntries(content.items.map((item) => [item.key, check(item.key)])))
    .catchall(unknownItem)
    .transform((given): ItemAnswer[] =>
      content.items.map((item) => {
        const value = given[item.key];
        return { itemKey: item.key, value: typeof value === "number" ? value : null, dontKnow: value === DONT_KNOW };
      }),
    );
  return z.preprocess(byItem, items);
}

const meetingTypeNames = z.object({ meetingTypes: z.array(z.object({ key: z.string(), name: z.string() })) });

/** The words for a followed meeting type: its name and its work model's name, keys when not found. */
export type MeetingNames = (f: { workModelKey: string; meetingTypeKey: string }) => { model: string; meeting: string };

/** Names of the meeting types in the municipality's published work models, for showing what an instrument follows. */
export function meetingNamesFrom(models: Array<{ key: string; name: string; content: unknown }>): MeetingNames {
  const names = new Map<string, { model: string; meeting: string }>();
  for (const m of models) {
    const parsed = meetingTypeNames.safeParse(m.content);
    for (const t of parsed.success ? parsed.data.meetingTypes : []) names.set(`${m.key}/${t.key}`, { model: m.name, meeting: t.name });
  }
  return (f) => names.get(`${f.workModelKey}/${f.meetingTypeKey}`) ?? { model: f.workModelKey, meeting: f.meetingTypeKey };
}
