export { paths as reviewPaths } from "./paths.ts";
