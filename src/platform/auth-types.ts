export const roles = ["administrator", "process_leader", "caseworker", "unit_manager", "analyst"] as const;
export type Role = (typeof roles)[number];

/** The signed-in user as every service sees them. */
export interface Actor {
  id: string;
  username: string;
  displayName: string;
  municipalityId: string;
  roles: Role[];
  unitIds: string[];
  /** Set when the request came with a personal access token; limits what it may do. */
  apiToken?: { id: string; scopes: string[] };
}
