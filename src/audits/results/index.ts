export { paths as resultsPaths } from "./paths.ts";
