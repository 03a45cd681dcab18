/** The organisation's front door: what other modules may read of the municipality's settings. */
import type { DbOrTx } from "../platform/database.ts";
import { type Precision, precisionOf } from "../platform/precision.ts";
import * as store from "./store.ts";

/**
 * How the municipality writes shares and means (decision 0045): its `share_decimals` and
 * `mean_decimals`, the default (whole percent, two decimals) for a municipality not found.
 * Every page, report, export and API display field that writes a share or mean takes it from here.
 */
export async function municipalityPrecision(db: DbOrTx, municipalityId: string): Promise<Precision> {
  return precisionOf(await store.municipality(db, municipalityId));
}
