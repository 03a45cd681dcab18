export type { CaseworkerReminders, DueStop, NearWait } from "./reminders.ts";
export { caseworkerReminders, STOP_DUE_SOON_DAYS, WAIT_NEAR_LIMIT_DAYS } from "./reminders.ts";
export type { Worklist } from "./service.ts";
export { worklist, worklistIn } from "./service.ts";
export { WorklistSections } from "./views.tsx";
