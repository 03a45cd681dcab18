import { defineModule } from "../platform/module.ts";
import { apidocsMessages } from "./messages.ts";

export const apidocsModule = defineModule({
  name: "apidocs",
  catalogs: [apidocsMessages],
  routes: async (app, deps) => (await import("./routes.ts")).routes(app, deps),
});
