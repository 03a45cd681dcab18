export { API_DOCS_PATH } from "./model.ts";
