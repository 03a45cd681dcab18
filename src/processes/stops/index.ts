export type { ImpactSection } from "./model.ts";
export { IMPACT_STOP_KEY } from "./model.ts";
export { stopsNotices } from "./pages.tsx";
export type { StopsSectionData } from "./service.ts";
export { addRating, checklistField, loadStopsSection, recordConsultation, saveImpact } from "./service.ts";
export { JournalNote, StopsSection } from "./views.tsx";
