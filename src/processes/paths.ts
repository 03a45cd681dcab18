import { path } from "../platform/paths.ts";

/** Every route of the processes module's own pages and API: registered from here, linked from here. */
export const paths = {
  process: path("/processer/:id"),
  interrupt: path("/processer/:id/avbryt"),
  resume: path("/processer/:id/ateruppta"),
  reveal: path("/processer/:id/personnummer/:personId"),
  apiProcess: path("/api/v1/processes/:id"),
  apiInterrupt: path("/api/v1/processes/:id/interrupt"),
  apiResume: path("/api/v1/processes/:id/resume"),
  apiIdentityNumber: path("/api/v1/processes/:id/persons/:personId/identity-number"),
};
