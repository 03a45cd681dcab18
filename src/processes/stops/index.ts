export type { ImpactSection } from "./model.ts";
export { formValues, stopsNotices, str, wholeNumber } from "./pages.tsx";
export type { StopsSectionData } from "./service.ts";
export { checklistField, loadStopsSection } from "./service.ts";
export { JournalNote, processHref, StopsSection } from "./views.tsx";
