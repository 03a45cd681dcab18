export { IMPORT_BYTES_MAX, IMPORT_ROWS_MAX } from "./import.ts";
export { paths as paperPaths } from "./paths.ts";
export { ImportRejectedError, importPaperAnswers, paperInput, recordPaperResponse, surveyRate } from "./service.ts";
export { importMultipartLimits, readImportUpload } from "./upload.ts";
export { SurveyRefusedPage } from "./views.tsx";
