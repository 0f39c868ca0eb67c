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
  /** Operators reading an app's audit trail. */
  AuditRead: 'audit:read',
  /** Administration of a simulated backend (fault injection, demo data). */
  MockAdmin: 'mock:admin',
  /** Read access to a simulated backend's native API (what a connector uses). */
  MockAccess: 'mock:access',
  /** Subscribe to a simulated backend's webhooks (what a system API does at start-up). */
  MockSubscribe: 'mock:subscribe',
} as const;

export type Scope = (typeof Scopes)[keyof typeof Scopes];

/**
 * Which apps a scope is meant for: the IdP puts these in a token's `aud`, and each app accepts only
 * tokens that name it, so a token stolen from one layer is useless at another.
 */
export const SCOPE_AUDIENCES: Record<Scope, string[]> = {
  'plm:read': ['plm-system-api'],
  'plm:write': ['plm-system-api'],
  'erp:read': ['erp-system-api'],
  'erp:write': ['erp-system-api'],
  'scheduling:read': ['scheduling-system-api'],
  'scheduling:write': ['scheduling-system-api'],
  'releases:read': ['process-api'],
  'releases:write': ['process-api'],
  'releases:approve': ['process-api'],
  'experience:read': ['experience-api'],
  'ops:replay': ['process-api'],
  'audit:read': ['process-api', 'plm-system-api', 'erp-system-api', 'scheduling-system-api'],
  'mock:admin': ['plm-mock', 'erp-mock', 'scheduler-mock'],
  'mock:access': ['plm-mock', 'erp-mock', 'scheduler-mock'],
  'mock:subscribe': ['plm-mock', 'erp-mock', 'scheduler-mock'],
};

export function audiencesOf(scopes: string[]): string[] {
  return [...new Set(scopes.flatMap((s) => SCOPE_AUDIENCES[s as Scope] ?? []))].sort();
}
