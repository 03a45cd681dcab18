/** The research module's front door: what other modules may use. */
export { paths } from "./paths.ts";
