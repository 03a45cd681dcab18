/** The placements section of a Sofia family's page (platform/family-sections.ts, decision 0064). */
import type { VNode } from "preact";
import type { ServiceContext } from "../platform/context.ts";
import type { FamilyPageFamily } from "../platform/family-sections.ts";
import type { View } from "../platform/http.ts";
import { familyPlacements } from "./service.ts";
import { FamilyPlacementsSection } from "./views.tsx";

export async function familySection(ctx: ServiceContext, view: View, family: FamilyPageFamily): Promise<VNode | null> {
  if (family.children.length === 0) return null;
  const data = await familyPlacements(ctx, family.children);
  return data ? <FamilyPlacementsSection view={view} data={data} /> : null;
}
