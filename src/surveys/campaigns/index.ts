/** The survey campaigns, as the rest of the surveys module sees them: the paths of their pages. */
export { paths } from "./paths.ts";
