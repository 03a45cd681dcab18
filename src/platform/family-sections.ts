/**
 * Sections that modules add to a family's page (the process page), without the processes module
 * importing them (decision 0064): a module that builds on processes (placements) would otherwise
 * close a cycle. A module's manifest names its section (`familySection`); `installModules` installs
 * them in the modules' order, and the family page renders each one that has something to show.
 * Each section authorizes, reads and audits through its own service.
 */
import type { VNode } from "preact";
import type { ServiceContext } from "./context.ts";
import type { View } from "./http.ts";

export interface FamilyPageFamily {
  processId: string;
  /** The family's children as the page shows them (the request persons). */
  children: ReadonlyArray<{ id: string; name: string }>;
}

export type FamilySection = (ctx: ServiceContext, view: View, family: FamilyPageFamily) => Promise<VNode | null>;

let installed: readonly FamilySection[] = [];

export function installFamilySections(sections: readonly FamilySection[]): void {
  installed = [...sections];
}

/** The installed sections for one family, in order; those with nothing to show are left out. */
export async function familySections(ctx: ServiceContext, view: View, family: FamilyPageFamily): Promise<VNode[]> {
  const out: VNode[] = [];
  for (const section of installed) {
    const node = await section(ctx, view, family);
    if (node) out.push(node);
  }
  return out;
}
