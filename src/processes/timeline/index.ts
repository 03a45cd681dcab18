export type { PersonLabel, TimelineEvent } from "./model.ts";
export { paths as timelinePaths } from "./paths.ts";
export type { AgendaData, TimelineData } from "./service.ts";
export { getAgenda, getTimeline } from "./service.ts";
export { TimelineLinks } from "./views.tsx";
