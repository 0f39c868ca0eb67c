import { Scopes } from '@threadline/gateway-auth';

export const Roles = {
  Executive: 'executive',
  Planner: 'planner',
  Operator: 'operator',
} as const;
export type Role = (typeof Roles)[keyof typeof Roles];

/**
 * What each role may do through the APIs the dashboard calls on a person's behalf: every role reads
 * the dashboards (experience API) and releases (process API); a planner also resolves exception
 * cases (releases:write), an operator sees retrying steps and replays dead letters (ops:replay).
 */
export const ROLE_SCOPES: Record<Role, string[]> = {
  executive: [Scopes.ExperienceRead, Scopes.ReleasesRead],
  planner: [Scopes.ExperienceRead, Scopes.ReleasesRead, Scopes.ReleasesWrite],
  operator: [Scopes.ExperienceRead, Scopes.ReleasesRead, Scopes.OpsReplay],
};

export function scopesOfRoles(roles: string[]): string[] {
  return [...new Set(roles.flatMap((role) => ROLE_SCOPES[role as Role] ?? []))].sort();
}

export interface DemoUser {
  username: string;
  password: string;
  name: string;
  email: string;
  roles: Role[];
}

/** Local demo only (README): every demo user's password is `demo`. */
export const DEMO_USER_PASSWORD = 'demo';

export const DEMO_USERS: DemoUser[] = [
  { username: 'erin', password: DEMO_USER_PASSWORD, name: 'Erin Walsh', email: 'erin@threadline.example', roles: [Roles.Executive] },
  { username: 'paula', password: DEMO_USER_PASSWORD, name: 'Paula Moreno', email: 'paula@threadline.example', roles: [Roles.Planner] },
  { username: 'oscar', password: DEMO_USER_PASSWORD, name: 'Oscar Lindqvist', email: 'oscar@threadline.example', roles: [Roles.Operator] },
];

/** The OpenID Connect scopes: what the ID token and userinfo say, not what the APIs allow. */
export const IDENTITY_SCOPES = ['openid', 'profile', 'email', 'offline_access'];

export function apiScopesOf(scope: string): string[] {
  return scope.split(' ').filter((s) => s !== '' && !IDENTITY_SCOPES.includes(s));
}

/**
 * What a person's sign-in grants: the identity scopes asked for, and the API scopes of the
 * person's roles that the client may hold; a request naming API scopes narrows them further.
 */
export function grantedScopes(requested: string, roles: string[], clientScopes: string[]): string[] {
  const asked = requested.split(' ').filter(Boolean);
  const identity = IDENTITY_SCOPES.filter((s) => asked.includes(s));
  const mayHave = scopesOfRoles(roles).filter((s) => clientScopes.includes(s));
  const askedApi = apiScopesOf(requested);
  return [...identity, ...(askedApi.length > 0 ? mayHave.filter((s) => askedApi.includes(s)) : mayHave)];
}
