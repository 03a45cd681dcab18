export type { Worklist } from "./service.ts";
export { worklist } from "./service.ts";
export { WorklistSections } from "./views.tsx";
