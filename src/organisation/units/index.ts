/** The municipality and its units, for the sibling users pages (the units a user can be given). */
export { listUnits, type Unit } from "./service.ts";
