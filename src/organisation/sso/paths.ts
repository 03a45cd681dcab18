import { path } from "../../platform/paths.ts";

/** The municipality's single sign-on settings (decision 0059): registered from here, linked from here. */
export const paths = {
  settings: path("/organisation/inloggning"),
  remove: path("/organisation/inloggning/ta-bort"),
};
