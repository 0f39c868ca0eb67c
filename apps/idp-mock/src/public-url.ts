import { IdpMockConfig } from './idp-mock.config';

type AskedAt = { protocol: string; host: string };

/** The address a request came to: a client that fetched discovery there reaches the IdP there. */
export function requestBaseUrl(request: AskedAt): string {
  return `${request.protocol}://${request.host}`;
}

/**
 * Where a browser reaches the IdP, which discovery names the browser's endpoints under (authorize,
 * end session): the configured public URL, or else the address the request came to. The two differ
 * where the client's server reaches the IdP by an inner name (`http://idp-mock:4000` in compose)
 * and people's browsers by another (`http://localhost:4000`), as Keycloak's front- and back-channel
 * host names do.
 */
export function browserBaseUrl(config: Pick<IdpMockConfig, 'publicUrl'>, request: AskedAt): string {
  return (config.publicUrl ?? requestBaseUrl(request)).replace(/\/+$/, '');
}
