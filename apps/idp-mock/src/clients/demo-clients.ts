import { Scopes } from '@threadline/gateway-auth';

export interface DemoClient {
  clientId: string;
  secret: string;
  description: string;
  scopes: string[];
  /** Plants the client may act on (the token's `plants` claim); absent: every plant. */
  plants?: string[];
  /** Default `client_credentials`: a service identity. */
  grantTypes?: string[];
  /** Where a sign-in client may receive codes (a loopback one on any port, RFC 8252 section 7.3). */
  redirectUris?: string[];
  postLogoutRedirectUris?: string[];
}

/**
 * The demo identities. Secrets are for the local demo only (README); a real deployment uses its
 * own IdP (Keycloak, Entra ID, Okta) and never these.
 */
export const DEMO_CLIENTS: DemoClient[] = [
  {
    clientId: 'threadline-process',
    secret: 'process-secret',
    description: 'Service identity of the process layer: calls the system APIs',
    scopes: [Scopes.PlmRead, Scopes.PlmWrite, Scopes.ErpRead, Scopes.ErpWrite, Scopes.SchedulingRead, Scopes.SchedulingWrite],
  },
  {
    clientId: 'threadline-experience',
    secret: 'experience-secret',
    description: 'Service identity of the experience layer: reads the process API',
    scopes: [Scopes.ReleasesRead],
  },
  {
    clientId: 'threadline-connector',
    secret: 'connector-secret',
    description: 'Service identity of the system APIs toward their backends (and their webhook subscriptions)',
    scopes: [Scopes.MockAccess, Scopes.MockSubscribe],
  },
  {
    clientId: 'demo-integrator',
    secret: 'demo-secret',
    description: 'An integration developer: creates and releases changes, follows releases',
    scopes: [Scopes.PlmRead, Scopes.PlmWrite, Scopes.ErpRead, Scopes.SchedulingRead, Scopes.ReleasesRead, Scopes.ReleasesWrite],
  },
  {
    clientId: 'demo-approver',
    secret: 'approver-secret',
    description: 'A change board member: approves releases',
    scopes: [Scopes.ReleasesRead, Scopes.ReleasesApprove],
  },
  {
    clientId: 'dashboard',
    secret: 'dashboard-secret',
    description: 'The dashboard (experience client)',
    scopes: [Scopes.ExperienceRead],
  },
  {
    clientId: 'operator',
    secret: 'operator-secret',
    description: 'Operations: replays dead letters, administers the simulated backends',
    scopes: [Scopes.OpsReplay, Scopes.ReleasesRead, Scopes.AuditRead, Scopes.MockAdmin, Scopes.MockAccess],
  },
  {
    clientId: 'p1-planner',
    secret: 'p1-planner-secret',
    description: "A planner at plant P1: reads P1's ERP and schedule, and no other plant's",
    scopes: [Scopes.ErpRead, Scopes.SchedulingRead],
    plants: ['P1'],
  },
];

export const DASHBOARD_CLIENT_ID = 'threadline-dashboard';
/** The dashboard's secret unless DASHBOARD_CLIENT_SECRET says otherwise (local demo only). */
export const DEFAULT_DASHBOARD_CLIENT_SECRET = 'dashboard-oidc-secret';

/**
 * The web dashboard, a confidential OpenID Connect client (a backend-for-frontend): it signs people
 * in with the authorization code flow and PKCE and calls the APIs with their tokens. It has no
 * token of its own (no client credentials grant); its scopes bound what any user's roles give it.
 */
export function dashboardClient(secret: string): DemoClient {
  return {
    clientId: DASHBOARD_CLIENT_ID,
    secret,
    description: 'The web dashboard: signs people in (OpenID Connect, authorization code with PKCE)',
    scopes: [Scopes.ExperienceRead, Scopes.ReleasesRead, Scopes.ReleasesWrite, Scopes.OpsReplay],
    grantTypes: ['authorization_code', 'refresh_token'],
    redirectUris: ['http://127.0.0.1:4401/auth/callback', 'http://localhost:4401/auth/callback'],
    postLogoutRedirectUris: ['http://127.0.0.1:4401/', 'http://localhost:4401/'],
  };
}

/** Every demo client the IdP registers at start. */
export function demoClients(config: { dashboardClientSecret: string }): DemoClient[] {
  return [...DEMO_CLIENTS, dashboardClient(config.dashboardClientSecret)];
}
