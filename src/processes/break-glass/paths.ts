import { path } from "../../platform/paths.ts";

/** Every route of break-glass (nödåtkomst): the form and its submit. No identity number ever goes into these addresses. */
export const paths = {
  breakGlass: path("/nodatkomst"),
};
