import { path } from "../platform/paths.ts";

/** Every route of the reports module, its pages and its API: registered from here, linked from here. */
export const paths = {
  list: path("/rapporter"),
  newReport: path("/rapporter/ny"),
  template: path("/rapporter/mall"),
  templateLogo: path("/rapporter/mall/logotyp"),
  preview: path("/rapporter/:id/forhandsgranskning"),
  report: path("/rapporter/:id"),
  versions: path("/rapporter/:id/versioner"),
  /** One version's file: `:file` is `<number>.<format>` (fileHref). */
  file: path("/rapporter/:id/versioner/:file"),
  apiReports: path("/api/v1/reports"),
  apiReport: path("/api/v1/reports/:id"),
  apiVersions: path("/api/v1/reports/:id/versions"),
  apiFile: path("/api/v1/reports/:id/versions/:number/:format"),
  apiVersionContent: path("/api/v1/reports/:id/versions/:number"),
  apiTemplate: path("/api/v1/report-template"),
};

/** The file of a report's version in one format. */
export const fileHref = (id: string, n: number, format: "pdf" | "docx" | "xlsx" | "csv") => paths.file.href({ id, file: `${n}.${format}` });
