import { IdpMockConfig } from './idp-mock.config';

/**
 * Where browsers and clients reach the IdP, which discovery names its endpoints under: the
 * configured public URL, or else the address the request came to (a local demo or a test whose
 * port is picked at start reaches the IdP where its client found it).
 */
export function publicBaseUrl(config: Pick<IdpMockConfig, 'publicUrl'>, request: { protocol: string; host: string }): string {
  return (config.publicUrl ?? `${request.protocol}://${request.host}`).replace(/\/+$/, '');
}
