import { DialectError } from '@threadline/platform';

/**
 * OAuth errors are problem+json documents that also carry RFC 6749's `error` member; their status
 * is the OAuth dialect's (400 or 401 by RFC 6749 section 5.2), so they are the IdP's own.
 */
export function oauthError(status: number, error: string, detail: string, title = 'Token request refused'): DialectError {
  const e = new DialectError(`OAUTH_${error.toUpperCase()}`, status, title, detail, { error, error_description: detail });
  return status === 401 ? e.withHeaders({ 'www-authenticate': 'Basic realm="threadline-idp"' }) : e;
}

/** client_secret_basic: the client id and secret, each URL-encoded (RFC 6749 section 2.3.1); malformed is none. */
export function basicCredentials(header: string | undefined): { id: string; secret: string } | undefined {
  const match = /^Basic\s+(.+)$/i.exec(header ?? '');
  if (!match) return undefined;
  const decoded = Buffer.from(match[1], 'base64').toString('utf8');
  const colon = decoded.indexOf(':');
  if (colon < 0) return undefined;
  try {
    return { id: decodeURIComponent(decoded.slice(0, colon)), secret: decodeURIComponent(decoded.slice(colon + 1)) };
  } catch {
    return undefined;
  }
}

