/** The dashboard's roles, as the IdP names them in the id_token's `roles` claim. */
export const DASHBOARD_ROLES = ['executive', 'planner', 'operator'] as const;
export type DashboardRole = (typeof DASHBOARD_ROLES)[number];

/** What a person may see and do on the dashboard; a person with several roles gets the union. */
export interface Permissions {
  /** Overview, change pages, the exception queue (read). */
  view: boolean;
  resolveExceptions: boolean;
  integrationHealth: boolean;
  replayDeadLetters: boolean;
}

const GRANTS: Record<DashboardRole, Partial<Permissions>> = {
  executive: { view: true },
  planner: { view: true, resolveExceptions: true },
  operator: { view: true, integrationHealth: true, replayDeadLetters: true },
};

/** Roles the dashboard knows, from a claim that may be missing, a string or a list (IdPs differ). */
export function dashboardRoles(claim: unknown): DashboardRole[] {
  const given = Array.isArray(claim) ? claim : typeof claim === 'string' ? claim.split(/[\s,]+/) : [];
  return DASHBOARD_ROLES.filter((role) => given.includes(role));
}

export function permissionsOf(roles: readonly string[]): Permissions {
  const granted: Permissions = { view: false, resolveExceptions: false, integrationHealth: false, replayDeadLetters: false };
  for (const role of dashboardRoles([...roles])) {
    for (const [name, value] of Object.entries(GRANTS[role])) if (value) granted[name as keyof Permissions] = true;
  }
  return granted;
}
