export { paths as searchPaths } from "./paths.ts";
export { findPersons, type SearchHit } from "./service.ts";
