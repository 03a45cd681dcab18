export { API_DOCS_PATH } from "./model.ts";
export { paths } from "./paths.ts";
