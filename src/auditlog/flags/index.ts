/** The flags' front door: what its siblings (the tabs) link to. */
export { paths as flagsPaths } from "./paths.ts";
