import { path } from "../../platform/paths.ts";

/** Every route of the survey campaigns, their pages and their API: registered from here, linked from here. */
export const paths = {
  list: path("/enkater/kampanjer"),
  newCampaign: path("/enkater/kampanjer/ny"),
  campaign: path("/enkater/kampanjer/:id"),
  send: path("/enkater/kampanjer/:id/skicka"),
  remind: path("/enkater/kampanjer/:id/paminn"),
  handout: path("/enkater/kampanjer/:id/utskrift"),
  close: path("/enkater/kampanjer/:id/stang"),
  paper: path("/enkater/kampanjer/:id/papper"),
  importUpload: path("/enkater/kampanjer/:id/import"),
  importConfirm: path("/enkater/kampanjer/:id/import/bekrafta"),
  compare: path("/enkater/ar-mot-ar"),
  apiCampaigns: path("/api/v1/survey-campaigns"),
  apiCampaign: path("/api/v1/survey-campaigns/:id"),
  apiSend: path("/api/v1/survey-campaigns/:id/send"),
  apiRemind: path("/api/v1/survey-campaigns/:id/remind"),
  apiClose: path("/api/v1/survey-campaigns/:id/close"),
  apiPaper: path("/api/v1/survey-campaigns/:id/paper-responses"),
  apiImports: path("/api/v1/survey-campaigns/:id/imports"),
  apiComparison: path("/api/v1/survey-year-comparison"),
};
