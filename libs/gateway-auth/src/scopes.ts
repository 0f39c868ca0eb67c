/**
 * Scopes follow the layers (DESIGN.md, API governance). A system API accepts only the process
 * layer's service scopes; an experience client's token carries none of them.
 */
export const Scopes = {
  PlmRead: 'plm:read',
  PlmWrite: 'plm:write',
  ErpRead: 'erp:read',
  ErpWrite: 'erp:write',
  SchedulingRead: 'scheduling:read',
  SchedulingWrite: 'scheduling:write',
  ReleasesRead: 'releases:read',
  ReleasesWrite: 'releases:write',
  ReleasesApprove: 'releases:approve',
  ExperienceRead: 'experience:read',
  OpsReplay: 'ops:replay',
  /** Administration of a simulated backend (fault injection, demo data). */
  MockAdmin: 'mock:admin',
  /** Read access to a simulated backend's native API (what a connector uses). */
  MockAccess: 'mock:access',
  /** Subscribe to a simulated backend's webhooks (what a system API does at start-up). */
  MockSubscribe: 'mock:subscribe',
} as const;

export type Scope = (typeof Scopes)[keyof typeof Scopes];
