export { breakGlassMessages } from "./messages.ts";
export { paths as breakGlassPaths } from "./paths.ts";
