import { defineModule } from "../platform/module.ts";
import { startMessages } from "./messages.ts";

export const startModule = defineModule({
  name: "start",
  catalogs: [startMessages],
  routes: async (app, deps) => (await import("./routes.ts")).routes(app, deps),
});
