export { paths as searchPaths } from "./paths.ts";
