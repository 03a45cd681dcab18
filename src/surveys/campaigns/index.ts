/** The survey campaigns, as the rest of the surveys module sees them: the paths of their pages, and year against year. */
export type { ComparedItem, YearColumn, YearComparison } from "./comparison.ts";
export { campaignYearComparison, compareCampaignYears } from "./comparison.ts";
export { paths } from "./paths.ts";
