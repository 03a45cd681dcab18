/** The review keys every municipality starts with: Skarpnäck's key for investigations and assignments. */
import type { Db, DbOrTx } from "../../platform/database.ts";
import type { Content } from "./model.ts";
import { reviewKeyDocuments } from "./service.ts";

const childKinds = ["child-investigation", "child-assignment"];
const adultKinds = ["adult-investigation", "adult-assignment"];
const allKinds = [...childKinds, ...adultKinds];

/**
 * The review key of Skarpnäck's family-oriented process support (LUM report 2021): the reference
 * group reviewed child and adult investigations and assignments to providers in nine focus families.
 */
export const skarpnackKey: Content = {
  name: "Granskningsnyckel för familjeorienterat arbetssätt (Skarpnäck)",
  documentKinds: [
    { key: "child-investigation", label: "Barnutredning" },
    { key: "adult-investigation", label: "Vuxenutredning" },
    { key: "child-assignment", label: "Uppdrag till utförare, barn" },
    { key: "adult-assignment", label: "Uppdrag till utförare, vuxna" },
  ],
  questions: [
    { key: "met-child", text: "Har handläggaren träffat barnet?", documentKinds: childKinds },
    { key: "child-informed", text: "Har barnet informerats om bedömningen?", documentKinds: ["child-investigation"] },
    {
      key: "child-views",
      text: "Har barnet fått relevant information och möjlighet att uttrycka sina åsikter?",
      documentKinds: ["child-investigation", "adult-investigation", "child-assignment"],
    },
    { key: "joint-consultations", text: "Har gemensamma samråd hållits?", documentKinds: allKinds },
    { key: "joint-meetings", text: "Har gemensamma möten med familjen hållits?", documentKinds: allKinds },
    { key: "needs-described", text: "Är varje familjemedlems behov beskrivna?", documentKinds: allKinds },
    { key: "child-impact-analysis", text: "Har en barnkonsekvensanalys gjorts?", documentKinds: adultKinds },
    {
      key: "joint-child-impact-analysis",
      text: "Har barnkonsekvensanalysen gjorts gemensamt med familjens andra handläggare?",
      documentKinds: adultKinds,
    },
  ],
  overall: {
    question: "Helhetsintryck: hur tydlig är samverkan mellan handläggarna kring familjens medlemmar?",
    options: [
      { key: "every-step", label: "Samverkan i varje steg" },
      { key: "several-meetings", label: "Flertal gemensamma möten" },
      { key: "some-meetings", label: "Vissa gemensamma möten" },
      { key: "none", label: "Inga gemensamma möten" },
    ],
  },
};

export const seededReviewKeys = [{ key: "skarpnack", name: "Granskningsnyckel Skarpnäck", content: skarpnackKey }] as const;

/** Gives the municipality each seeded key that it does not have yet, published as version 1. */
export const seedReviewKeys = (db: DbOrTx, municipalityId: string) => reviewKeyDocuments.seed(db, municipalityId, seededReviewKeys);

/** At every start: an install made before review keys existed gets the seeded ones too. */
export const seedReviewKeysEverywhere = (db: Db) => reviewKeyDocuments.seedEverywhere(db, seededReviewKeys);
