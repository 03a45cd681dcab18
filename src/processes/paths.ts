import { path } from "../platform/paths.ts";

/** Every route of the processes module's own pages and API: registered from here, linked from here. */
export const paths = {
  list: path("/processer"),
  search: path("/sok"),
  handover: path("/processer/overlamning"),
  process: path("/processer/:id"),
  assign: path("/processer/:id/tilldela"),
  interrupt: path("/processer/:id/avbryt"),
  resume: path("/processer/:id/ateruppta"),
  reveal: path("/processer/:id/personnummer/:personId"),
  apiProcesses: path("/api/v1/processes"),
  apiProcess: path("/api/v1/processes/:id"),
  apiAssignments: path("/api/v1/processes/:id/assignments"),
  apiInterrupt: path("/api/v1/processes/:id/interrupt"),
  apiResume: path("/api/v1/processes/:id/resume"),
  apiIdentityNumber: path("/api/v1/processes/:id/persons/:personId/identity-number"),
  apiSearch: path("/api/v1/search"),
  apiTeam: path("/api/v1/processes/:id/team"),
  apiHandoverPreview: path("/api/v1/handovers/:userId"),
  apiHandover: path("/api/v1/handovers"),
};
