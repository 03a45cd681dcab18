export { paths as calendarPaths } from "./paths.ts";
