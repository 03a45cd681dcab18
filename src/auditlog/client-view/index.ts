/** The log review by client's front door: what its siblings (the tabs) link to. */
export { paths as clientViewPaths } from "./paths.ts";
