export { paths as listPaths } from "./paths.ts";
export type { ListFilter, ListSort, ProcessList, ProcessListItem } from "./service.ts";
export { listProcesses } from "./service.ts";
