import { RunningApp } from '@threadline/platform';
import { startIdpMock } from '../../apps/idp-mock/src/idp-mock.app';
import { IdpMockConfig } from '../../apps/idp-mock/src/idp-mock.config';
import { DEMO_CLIENTS } from '../../apps/idp-mock/src/clients/demo-clients';

export interface TestIdp {
  app: RunningApp;
  url: string;
  jwksUrl: string;
  tokenUrl: string;
  issuer: string;
  /** A token for one of the demo clients (idp-mock's DEMO_CLIENTS). */
  token(clientId: string, scope?: string): Promise<string>;
  close(): Promise<void>;
}

/** Starts the simulated IdP on a free port against the given database. */
export async function startTestIdp(databaseUrl: string): Promise<TestIdp> {
  const config = Object.assign(new IdpMockConfig(), { port: 0, databaseUrl });
  const app = await startIdpMock(config);
  const tokenUrl = `${app.url}/oauth/token`;
  return {
    app,
    url: app.url,
    jwksUrl: `${app.url}/.well-known/jwks.json`,
    tokenUrl,
    issuer: config.issuer,
    token: (clientId, scope) => demoClientToken(tokenUrl, clientId, scope),
    close: () => app.close(),
  };
}

/**
 * A token for one of the demo clients from the IdP at `tokenUrl`. A refusal throws, naming the
 * IdP's answer, rather than handing the test an undefined token that fails later as a 401.
 */
export async function demoClientToken(tokenUrl: string, clientId: string, scope?: string): Promise<string> {
  const client = DEMO_CLIENTS.find((c) => c.clientId === clientId);
  if (!client) throw new Error(`no demo client ${clientId}`);
  const body = new URLSearchParams({ grant_type: 'client_credentials', client_id: clientId, client_secret: client.secret });
  if (scope) body.set('scope', scope);
  const response = await fetch(tokenUrl, { method: 'POST', body });
  if (!response.ok) throw new Error(`token for ${clientId}: ${response.status} ${await response.text()}`);
  return ((await response.json()) as { access_token: string }).access_token;
}
