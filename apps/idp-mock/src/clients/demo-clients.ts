import { Scopes } from '@threadline/gateway-auth';

export interface DemoClient {
  clientId: string;
  secret: string;
  description: string;
  scopes: string[];
  /** Plants the client may act on (the token's `plants` claim); absent: every plant. */
  plants?: string[];
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
