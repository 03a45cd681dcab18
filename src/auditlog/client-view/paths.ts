import { path } from "../../platform/paths.ts";

/** The log review by client: the search (posted, never in the address), a person's log by id, its extracts and the API. */
export const paths = {
  client: path("/logguppfoljning/klient"),
  person: path("/logguppfoljning/klient/:personId"),
  personCsv: path("/logguppfoljning/klient/:personId/utdrag.csv"),
  personPdf: path("/logguppfoljning/klient/:personId/utdrag.pdf"),
  apiClientSearch: path("/api/v1/audit-log/client-search"),
  apiPersonLog: path("/api/v1/audit-log/persons/:personId"),
};
