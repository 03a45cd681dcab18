export { paths as teamPaths } from "./paths.ts";
