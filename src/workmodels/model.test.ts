import { describe, expect, it } from "vitest";
import { decodeForm } from "../platform/form-decode.ts";
import { variantsIn } from "../platform/glossary.ts";
import { versionNumber, withEdits } from "../platform/versioned.ts";
import { editedFields, fieldOf, formBody, formValues } from "./form.ts";
import {
  appliesToChildAge,
  type Content,
  contentSchema,
  decisionMeeting,
  localContent,
  meetingMarking,
  withCapabilityDefaults,
  withoutStaleEnglish,
} from "./model.ts";
import { familyProcessSupportModel, sofiaModel } from "./seed.ts";

const issues = (content: unknown) => contentSchema.safeParse(content).error?.issues.map((i) => `${i.path.join(".")}: ${i.message}`) ?? [];

describe("work model content", () => {
  it("accepts both seeded models", () => {
    expect(issues(sofiaModel)).toEqual([]);
    expect(issues(familyProcessSupportModel)).toEqual([]);
  });

  it("derives progress marks and who gets a child meeting", () => {
    expect(meetingMarking(sofiaModel, "completed")?.name).toBe("Familjemöte 3");
    expect(meetingMarking(familyProcessSupportModel, "started")).toBeUndefined();
    const child = sofiaModel.meetingTypes.find((m) => m.scope === "child");
    if (!child) throw new Error("no child meeting");
    expect(appliesToChildAge(child, 5)).toBe(false);
    expect(appliesToChildAge(child, 6)).toBe(true);
  });

  it("refuses duplicate keys, marks out of order, a child meeting without age and a dangling meeting reference", () => {
    const [first, second] = sofiaModel.meetingTypes;
    if (!first || !second) throw new Error("seed changed");
    const bad = {
      meetingTypes: [
        { ...second, marksProgress: "completed" },
        { ...first, key: second.key, marksProgress: "started", decidesStart: false },
        { ...first, key: "barn", scope: "child", minChildAge: null, decidesStart: false },
      ],
      stops: [{ ...familyProcessSupportModel.stops[0], due: { event: "meeting_held", meetingTypeKey: "finns-inte", days: 3 } }],
    };
    expect(issues(bad)).toEqual([
      "meetingTypes.1.key: workmodels.error.duplicateKey",
      "meetingTypes.2.minChildAge: workmodels.error.minAge",
      "meetingTypes.1.marksProgress: workmodels.error.progressOrder",
      "stops.0.due.meetingTypeKey: workmodels.error.dueMeeting",
    ]);
  });
});

describe("meeting-type capabilities", () => {
  /** A document as it was written before the capabilities were named fields. */
  const withoutCapabilities = (content: typeof sofiaModel) => ({
    ...content,
    meetingTypes: content.meetingTypes.map(({ requiresSafetyPlan: _r, decidesStart: _d, ...m }) => m),
  });

  it("are named in the seeded Sofia model: the Sofiamöte decides the start, Familjemöte 3 asks for the safety plan", () => {
    expect(sofiaModel.meetingTypes.map((m) => [m.key, m.decidesStart, m.requiresSafetyPlan])).toEqual([
      ["sofiamote", true, false],
      ["familjemote-1", false, false],
      ["barnmote", false, false],
      ["familjemote-2", false, false],
      ["familjemote-3", false, true],
    ]);
    expect(decisionMeeting(sofiaModel)?.key).toBe("sofiamote");
    expect(decisionMeeting(familyProcessSupportModel)).toBeUndefined();
  });

  it("are derived for a document without them by the rules the code used to infer, and equal the seed's", () => {
    expect(contentSchema.parse(withoutCapabilities(sofiaModel))).toEqual(sofiaModel);
    expect(contentSchema.parse(withoutCapabilities(familyProcessSupportModel))).toEqual(familyProcessSupportModel);
    const [planning, family] = sofiaModel.meetingTypes;
    if (!planning || !family) throw new Error("seed changed");
    const { requiresSafetyPlan: _r, decidesStart: _d, ...familyFirst } = family;
    // A first meeting type with the family does not decide the start; a later staff-only one neither.
    const parsed = contentSchema.parse({
      meetingTypes: [familyFirst, { ...withoutCapabilities(sofiaModel).meetingTypes[0], key: "planering" }],
      stops: [],
    });
    expect(parsed.meetingTypes.map((m) => m.decidesStart)).toEqual([false, false]);
    expect(withCapabilityDefaults("not a document")).toBe("not a document");
  });

  it("keeps a field that is given, and refuses a decision meeting that is not first or meets the family", () => {
    const [planning, family, child] = sofiaModel.meetingTypes;
    if (!planning || !family || !child) throw new Error("seed changed");
    const given = contentSchema.parse({
      meetingTypes: [
        { ...planning, decidesStart: false },
        { ...family, requiresSafetyPlan: true },
      ],
      stops: [],
    });
    expect(given.meetingTypes.map((m) => [m.decidesStart, m.requiresSafetyPlan])).toEqual([
      [false, false],
      [false, true],
    ]);
    expect(issues({ meetingTypes: [{ ...family, decidesStart: true }], stops: [] })).toEqual([
      "meetingTypes.0.decidesStart: workmodels.error.decidesStart",
    ]);
    expect(issues({ meetingTypes: [child, planning], stops: [] })).toEqual(["meetingTypes.1.decidesStart: workmodels.error.decidesStart"]);
  });
});

/** What the edit page saves for a posted form: the stored content with the decoded fields over it. */
const applyForm = (content: Content, body: Record<string, unknown>) =>
  withEdits(editedFields, content, decodeForm(editedFields, formBody(body))) as Content;

describe("the edit form", () => {
  it("round-trips the content through its fields", () => {
    expect(applyForm(sofiaModel, formValues(sofiaModel))).toEqual(sofiaModel);
    expect(applyForm(familyProcessSupportModel, formValues(familyProcessSupportModel))).toEqual(familyProcessSupportModel);
  });

  it("reads one checklist item per line and refuses a non-number age", () => {
    const values = { ...formValues(sofiaModel), "meetingTypes.2.checklist": " a \r\n\r\nb\n", "meetingTypes.2.minChildAge": "4 år" };
    const content = applyForm(sofiaModel, values);
    expect(content.meetingTypes[2]?.checklist).toEqual(["a", "b"]);
    expect(issues(content)).toEqual(["meetingTypes.2.minChildAge: workmodels.error.minAge"]);
  });

  it("refuses an empty age or number of days with their messages, and keeps keys and order", () => {
    const age = applyForm(sofiaModel, { ...formValues(sofiaModel), "meetingTypes.2.minChildAge": "" });
    expect(issues(age)).toEqual(["meetingTypes.2.minChildAge: workmodels.error.minAge"]);
    const model = familyProcessSupportModel;
    const content = applyForm(model, { ...formValues(model), "stops.0.due.days": " ", "stops.0.name": "Ny" });
    expect(issues(content)).toEqual(["stops.0.due.days: workmodels.error.days"]);
    expect(content.stops.map((s) => s.key)).toEqual(model.stops.map((s) => s.key));
    expect(content.stops[0]).toMatchObject({ key: model.stops[0]?.key, name: "Ny", scope: model.stops[0]?.scope });
    expect(content.stops[0]?.due.event).toBe(model.stops[0]?.due.event);
  });

  it("empties a checklist whose textarea is left blank", () => {
    const content = applyForm(sofiaModel, { ...formValues(sofiaModel), "meetingTypes.0.checklist": " \n " });
    expect(content.meetingTypes[0]?.checklist).toEqual([]);
    expect(issues(content)).toEqual([]);
  });

  it("names the field of an error", () => {
    expect(fieldOf("content.meetingTypes.1.checklist.3")).toBe("meetingTypes.1.checklist");
    expect(fieldOf("content.stops.0.due.days")).toBe("stops.0.due.days");
  });

  it("reads a version number from a URL", () => {
    expect(versionNumber("3")).toBe(3);
    expect(versionNumber("03")).toBe(0);
    expect(versionNumber("-1")).toBe(0);
    expect(versionNumber("1e3")).toBe(0);
  });
});

describe("English texts (decision 0043)", () => {
  const items = [...sofiaModel.meetingTypes, ...familyProcessSupportModel.stops];

  it("every seeded meeting type and stop has its name, purpose and each checklist item in English", () => {
    for (const item of items) {
      expect(item.en?.name, item.key).toBeTruthy();
      expect(item.en?.name, item.key).not.toBe(item.name);
      expect(item.en?.purpose, item.key).toBeTruthy();
      expect(item.en?.checklist, item.key).toHaveLength(item.checklist.length);
    }
  });

  it("the seeded texts use the glossary's terms in both languages", () => {
    const sv: Record<string, string> = {};
    const en: Record<string, string> = {};
    for (const item of items) {
      const texts = (lang: Record<string, string>, name: string, purpose: string, checklist: string[]) => {
        lang[`${item.key}.name`] = name;
        lang[`${item.key}.purpose`] = purpose;
        checklist.forEach((c, i) => {
          lang[`${item.key}.checklist.${i}`] = c;
        });
      };
      texts(sv, item.name, item.purpose, item.checklist);
      texts(en, item.en?.name ?? "", item.en?.purpose ?? "", item.en?.checklist ?? []);
    }
    expect(variantsIn({ sv, en })).toEqual([]);
  });

  it("English mode shows the English texts; Swedish mode and a document without them the Swedish", () => {
    const en = localContent(sofiaModel, "en");
    expect(en.meetingTypes.map((m) => m.name)).toEqual([
      "Sofia meeting",
      "Family meeting 1",
      "Child meeting",
      "Family meeting 2",
      "Family meeting 3",
    ]);
    expect(en.meetingTypes[2]?.checklist[2]).toBe("The child has been told that it is not the child's fault");
    expect(localContent(familyProcessSupportModel, "en").stops[1]?.name).toBe("Joint child impact analysis");
    expect(localContent(sofiaModel, "sv")).toBe(sofiaModel);
    expect(localContent(sofiaModel, undefined)).toBe(sofiaModel);
    // A version stored before the English texts: valid as it was, shown in Swedish.
    const old = { ...sofiaModel, meetingTypes: sofiaModel.meetingTypes.map(({ en: _, ...m }) => m) };
    const parsed = contentSchema.parse(old);
    expect(localContent(parsed, "en").meetingTypes[1]?.name).toBe("Familjemöte 1");
    // An English checklist that no longer matches the Swedish one item for item is not used.
    const [first, ...rest] = sofiaModel.meetingTypes;
    if (!first) throw new Error("seed changed");
    const shorter = { ...sofiaModel, meetingTypes: [{ ...first, checklist: first.checklist.slice(1) }, ...rest] };
    expect(localContent(shorter, "en").meetingTypes[0]?.checklist).toEqual(first.checklist.slice(1));
    expect(localContent(shorter, "en").meetingTypes[0]?.name).toBe("Sofia meeting");
  });

  it("refuses an empty English name like an empty Swedish one", () => {
    const [first, ...rest] = sofiaModel.meetingTypes;
    if (!first) throw new Error("seed changed");
    const result = contentSchema.safeParse({ ...sofiaModel, meetingTypes: [{ ...first, en: { name: " " } }, ...rest] });
    expect(result.error?.issues.map((i) => [i.path.join("."), i.message])).toEqual([
      ["meetingTypes.0.en.name", "workmodels.error.nameRequired"],
    ]);
  });

  it("an edit of a Swedish text drops its English, so that English mode never shows a stale translation", () => {
    const body = formValues(sofiaModel);
    body["meetingTypes.1.name"] = "Familjemöte ett";
    body["meetingTypes.2.checklist"] = `${body["meetingTypes.2.checklist"]}\nNy punkt`;
    const edited = withoutStaleEnglish(sofiaModel, applyForm(sofiaModel, body)) as Content;
    const parsed = contentSchema.parse(edited);
    expect(parsed.meetingTypes[1]?.en).toEqual({
      purpose: sofiaModel.meetingTypes[1]?.en?.purpose,
      checklist: sofiaModel.meetingTypes[1]?.en?.checklist,
    });
    expect(parsed.meetingTypes[2]?.en?.checklist).toBeUndefined();
    expect(parsed.meetingTypes[2]?.en?.name).toBe("Child meeting");
    expect(parsed.meetingTypes[0]?.en).toEqual(sofiaModel.meetingTypes[0]?.en);
    expect(localContent(parsed, "en").meetingTypes[1]?.name).toBe("Familjemöte ett");
  });
});
