/**
 * The two work models every municipality starts with, both published as version 1: the Sofia
 * model (Uppsala) and family-oriented process support (Skarpnäck). Idempotent per municipality.
 */
import type { Db, DbOrTx } from "../platform/database.ts";
import { type Content, DEFAULT_CHILD_MEETING_MIN_AGE } from "./model.ts";
import { workModelDocuments } from "./service.ts";

const afterFamilyMeeting = ["sofia-4q-parent", "sofia-4q-child"];

export const sofiaModel: Content = {
  meetingTypes: [
    {
      key: "sofiamote",
      name: "Sofiamöte",
      purpose:
        "Planeringsmöte utan familjen: processledaren och familjens barn- och vuxenhandläggare går igenom förfrågan, prövar om ärendet passar för modellen och planerar samtalsserien.",
      participants: ["child_caseworker", "adult_caseworker", "process_leader"],
      scope: "family",
      minChildAge: null,
      marksProgress: null,
      requiresSafetyPlan: false,
      decidesStart: true,
      checklist: [
        "Förfrågan har gåtts igenom och ärendetypen är bedömd",
        "Det är bedömt att familjen passar för Sofiamodellen",
        "Barn- och vuxenhandläggare är utsedda eller efterfrågade hos enhetscheferna",
        "Tid och plats för Familjemöte 1 är planerade",
        "Vem som bjuder in familjen och skickar informationsbladet är bestämt",
      ],
      surveys: [],
    },
    {
      key: "familjemote-1",
      name: "Familjemöte 1",
      purpose:
        "Informera och avdramatisera: arbetsmetoden och syftet med träffarna presenteras och familjen får en introduktion till beroendet som en sjukdom som påverkar hela familjen.",
      participants: ["family", "child_caseworker", "adult_caseworker", "process_leader"],
      scope: "family",
      minChildAge: null,
      marksProgress: "started",
      requiresSafetyPlan: false,
      decidesStart: false,
      checklist: [
        "Metoden och syftet med träffarna är presenterade",
        "Beroendet är förklarat som en sjukdom som påverkar hela familjen",
        "Barnen har fått åldersanpassad information om beroende",
        "Familjen vet vad som händer i utredningen och vilken hjälp som finns",
        "Samtycke till barnmöte har efterfrågats hos vårdnadshavarna",
        "Barnboken är erbjuden",
        "Enkäten är lämnad till föräldrar och barn",
      ],
      surveys: afterFamilyMeeting,
    },
    {
      key: "barnmote",
      name: "Barnmöte",
      purpose:
        "Barnets egen tid för frågor och information: barnanpassad dialog om vad ett beroende är, vad som händer i en utredning och vilken hjälp man kan få. Ett möte per barn som har fyllt minimiåldern.",
      participants: ["child_alone", "child_caseworker"],
      scope: "child",
      minChildAge: DEFAULT_CHILD_MEETING_MIN_AGE,
      marksProgress: null,
      requiresSafetyPlan: false,
      decidesStart: false,
      checklist: [
        "Vårdnadshavarnas samtycke till samtal med barnet ensamt finns",
        "Barnet har fått åldersanpassad information om beroende",
        "Barnet har fått höra att det inte är barnets fel",
        "Barnet har fått ställa sina egna frågor och uttrycka sina åsikter",
        "Barnet vet vem det kan prata med och vart det kan vända sig",
        "Barnboken är erbjuden",
        "Barnenkäten är lämnad",
      ],
      surveys: ["sofia-4q-child"],
    },
    {
      key: "familjemote-2",
      name: "Familjemöte 2",
      purpose:
        "Bedömningar och insatser: handläggarna återkopplar sina bedömningar och familjen och handläggarna går igenom vilka insatser som behövs för barnen och för föräldrarna.",
      participants: ["family", "child_caseworker", "adult_caseworker", "process_leader"],
      scope: "family",
      minChildAge: null,
      marksProgress: "halfway",
      requiresSafetyPlan: false,
      decidesStart: false,
      checklist: [
        "Barnhandläggarens och vuxenhandläggarens bedömningar är återkopplade",
        "Barnens behov och det barnen har berättat är beaktade",
        "Föräldern är informerad om hur man ansöker om stöd och behandling",
        "Ansökan om insats är tagen om föräldern vill ansöka",
        "Stöd till barnen och till anhöriga är erbjudet",
        "Enkäten är lämnad till föräldrar och barn",
      ],
      surveys: afterFamilyMeeting,
    },
    {
      key: "familjemote-3",
      name: "Familjemöte 3",
      purpose:
        "Uppföljning, återfalls- och trygghetsplan: samtalsserien avslutas med en uppföljning och en dialog med familjen om behovet av fortsatta insatser.",
      participants: ["family", "child_caseworker", "adult_caseworker", "process_leader"],
      scope: "family",
      minChildAge: null,
      marksProgress: "completed",
      requiresSafetyPlan: true,
      decidesStart: false,
      checklist: [
        "Insatserna och hur familjen har det nu är följda upp",
        "Återfalls- och trygghetsplanen är upprättad tillsammans med familjen",
        "Barnen vet vem de kan vända sig till om det blir svårt igen",
        "Behovet av fortsatta insatser är diskuterat",
        "Enkäten är lämnad till föräldrar och barn",
      ],
      // The parents' after-series questions are answered on paper with the meeting's own survey.
      surveys: [...afterFamilyMeeting, "sofia-efter-serien-foralder"],
    },
  ],
  stops: [],
};

const consultationChecklist = [
  "Både barnhandläggaren och vuxenhandläggaren deltar",
  "Barnrättsperspektivet är med i planeringen: barnets egen berättelse och behov",
  "Vuxenperspektivet är med i planeringen: förälderns behov och stöd",
  "Trygghetsskalan är skattad",
];

export const familyProcessSupportModel: Content = {
  meetingTypes: [],
  stops: [
    {
      key: "samrad-utredningsstart",
      name: "Samråd vid utredningsstart",
      purpose: "Familjens handläggare samråder när utredningen inleds och gör en gemensam plan för utredningen.",
      scope: "family",
      due: { event: "request", meetingTypeKey: null, days: 14 },
      checklist: [...consultationChecklist, "Gemensam utredningsplan är upprättad", "Vem som informerar och pratar med barnet är bestämt"],
    },
    {
      key: "barnkonsekvensanalys",
      name: "Gemensam barnkonsekvensanalys",
      purpose: "Barn- och vuxenhandläggaren gör tillsammans en barnkonsekvensanalys för varje barn i familjen.",
      scope: "child",
      due: { event: "request", meetingTypeKey: null, days: 60 },
      checklist: [
        "Barnet har fått information och möjlighet att uttrycka sina åsikter",
        "Hur barnet påverkas av förälderns situation är beskrivet",
        "Hur barnet påverkas av de insatser som övervägs är beskrivet",
        "Analysen är gjord av barn- och vuxenhandläggaren tillsammans",
      ],
    },
    {
      key: "samrad-fore-bedomning",
      name: "Samråd inför bedömning",
      purpose: "Handläggarna samråder innan utredningarna bedöms, så att bedömningarna blir gemensamma.",
      scope: "family",
      due: { event: "request", meetingTypeKey: null, days: 90 },
      checklist: [...consultationChecklist, "Varje familjemedlems behov är beskrivet", "Gemensam bedömning är gjord"],
    },
    {
      key: "samrad-fore-beslut",
      name: "Samråd inför beslut om insatser",
      purpose: "Handläggarna samråder innan insatserna beslutas och samordnar uppdragen till utförarna.",
      scope: "family",
      due: { event: "request", meetingTypeKey: null, days: 110 },
      checklist: [
        ...consultationChecklist,
        "Insatserna till barnen och till de vuxna är samordnade",
        "Gemensamt uppdrag eller beställning till utförare är övervägt",
      ],
    },
    {
      key: "samrad-uppfoljning",
      name: "Samråd vid uppföljning",
      purpose: "Handläggarna följer tillsammans upp insatserna och familjens situation.",
      scope: "family",
      due: { event: "interventions_decided", meetingTypeKey: null, days: 90 },
      checklist: [...consultationChecklist, "Insatserna är följda upp för varje familjemedlem", "Behovet av fortsatta insatser är bedömt"],
    },
  ],
};

export const seededModels = [
  { key: "sofiamodellen", name: "Sofiamodellen", content: sofiaModel },
  { key: "familjeorienterat-processtod", name: "Familjeorienterat processtöd", content: familyProcessSupportModel },
] as const;

/** Gives the municipality each seeded model that it does not have yet, published as version 1. */
export const seedWorkModels = (db: DbOrTx, municipalityId: string) => workModelDocuments.seed(db, municipalityId, seededModels);

/** At every start: an install made before work models existed gets the seeded ones too. */
export const seedWorkModelsEverywhere = (db: Db) => workModelDocuments.seedEverywhere(db, seededModels);
