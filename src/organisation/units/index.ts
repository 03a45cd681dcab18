/** The municipality and its units, for the sibling users pages (the units a user can be given). */

export { paths } from "./paths.ts";
export { listUnits, type Unit } from "./service.ts";
