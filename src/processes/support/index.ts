export type { SupportKind } from "./model.ts";
export { supportDateErrors, supportKinds, supportState } from "./model.ts";
export { supportNotices } from "./pages.tsx";
export type { SupportSectionData } from "./service.ts";
export { addSupport, loadSupportSection } from "./service.ts";
export { SupportSection } from "./views.tsx";
