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
      en: {
        name: "Sofia meeting",
        purpose:
          "Planning meeting without the family: the process leader and the family's child and adult caseworkers go through the request, consider whether the case suits the model and plan the meeting series.",
        checklist: [
          "The request has been gone through and the case type assessed",
          "It has been assessed that the family suits the Sofia model",
          "Child and adult caseworkers have been appointed or asked for from the unit managers",
          "Time and place of Family meeting 1 are planned",
          "Who invites the family and sends the information sheet is decided",
        ],
      },
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
      en: {
        name: "Family meeting 1",
        purpose:
          "Inform and de-dramatise: the way of working and the purpose of the meetings are presented, and the family gets an introduction to addiction as an illness that affects the whole family.",
        checklist: [
          "The method and the purpose of the meetings have been presented",
          "Addiction has been explained as an illness that affects the whole family",
          "The children have been given age-appropriate information about addiction",
          "The family knows what happens in the investigation and what help there is",
          "The guardians have been asked for consent to a child meeting",
          "The children's book has been offered",
          "The survey has been handed to the parents and the children",
        ],
      },
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
      en: {
        name: "Child meeting",
        purpose:
          "The child's own time for questions and information: a child-friendly dialogue about what an addiction is, what happens in an investigation and what help there is. One meeting per child who has reached the minimum age.",
        checklist: [
          "The guardians' consent to talking with the child alone is in place",
          "The child has been given age-appropriate information about addiction",
          "The child has been told that it is not the child's fault",
          "The child has been able to ask its own questions and say what it thinks",
          "The child knows whom to talk to and where to turn",
          "The children's book has been offered",
          "The child survey has been handed out",
        ],
      },
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
      en: {
        name: "Family meeting 2",
        purpose:
          "Assessments and interventions: the caseworkers give feedback on their assessments, and the family and the caseworkers go through the interventions the children and the parents need.",
        checklist: [
          "The child caseworker's and the adult caseworker's assessments have been fed back",
          "The children's needs and what the children have told have been taken into account",
          "The parent has been told how to apply for support and treatment",
          "An application for an intervention has been taken if the parent wants to apply",
          "Support for the children and for the relatives has been offered",
          "The survey has been handed to the parents and the children",
        ],
      },
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
      en: {
        name: "Family meeting 3",
        purpose:
          "Follow-up, relapse and safety plan: the meeting series ends with a follow-up and a dialogue with the family about the need for further interventions.",
        checklist: [
          "The interventions and how the family is doing now have been followed up",
          "The relapse and safety plan has been drawn up together with the family",
          "The children know whom to turn to if it gets hard again",
          "The need for further interventions has been discussed",
          "The survey has been handed to the parents and the children",
        ],
      },
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
const consultationChecklistEn = [
  "Both the child caseworker and the adult caseworker take part",
  "The child rights perspective is part of the planning: the child's own account and needs",
  "The adult perspective is part of the planning: the parent's needs and support",
  "The safety scale has been rated",
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
      en: {
        name: "Consultation at the start of the investigation",
        purpose: "The family's caseworkers consult when the investigation starts and make a joint investigation plan.",
        checklist: [
          ...consultationChecklistEn,
          "A joint investigation plan has been drawn up",
          "Who informs and talks with the child is decided",
        ],
      },
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
      en: {
        name: "Joint child impact analysis",
        purpose: "The child and adult caseworkers make a child impact analysis together for each child in the family.",
        checklist: [
          "The child has been given information and a chance to say what it thinks",
          "How the child is affected by the parent's situation is described",
          "How the child is affected by the interventions considered is described",
          "The analysis has been made by the child and adult caseworkers together",
        ],
      },
    },
    {
      key: "samrad-fore-bedomning",
      name: "Samråd inför bedömning",
      purpose: "Handläggarna samråder innan utredningarna bedöms, så att bedömningarna blir gemensamma.",
      scope: "family",
      due: { event: "request", meetingTypeKey: null, days: 90 },
      checklist: [...consultationChecklist, "Varje familjemedlems behov är beskrivet", "Gemensam bedömning är gjord"],
      en: {
        name: "Consultation before the assessment",
        purpose: "The caseworkers consult before the investigations are assessed, so that the assessments are joint.",
        checklist: [...consultationChecklistEn, "Each family member's needs are described", "A joint assessment has been made"],
      },
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
      en: {
        name: "Consultation before deciding on interventions",
        purpose: "The caseworkers consult before the interventions are decided and coordinate the assignments to the providers.",
        checklist: [
          ...consultationChecklistEn,
          "The interventions for the children and for the adults are coordinated",
          "A joint assignment or order to providers has been considered",
        ],
      },
    },
    {
      key: "samrad-uppfoljning",
      name: "Samråd vid uppföljning",
      purpose: "Handläggarna följer tillsammans upp insatserna och familjens situation.",
      scope: "family",
      due: { event: "interventions_decided", meetingTypeKey: null, days: 90 },
      checklist: [...consultationChecklist, "Insatserna är följda upp för varje familjemedlem", "Behovet av fortsatta insatser är bedömt"],
      en: {
        name: "Consultation at follow-up",
        purpose: "The caseworkers follow up the interventions and the family's situation together.",
        checklist: [
          ...consultationChecklistEn,
          "The interventions are followed up for each family member",
          "The need for further interventions is assessed",
        ],
      },
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
