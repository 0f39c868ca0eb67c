import { createHash } from 'node:crypto';

/** What the authorization endpoint needs of a client. */
export interface SignInClient {
  clientId: string;
  grantTypes: string[];
  redirectUris: string[];
}

/** A checked authorization request: the hidden fields of the sign-in form carry it to the POST. */
export interface AuthorizationRequest {
  clientId: string;
  redirectUri: string;
  scope: string;
  state?: string;
  nonce?: string;
  codeChallenge: string;
}

/**
 * The outcome of checking an authorization request (RFC 6749 section 4.1.2.1): without a known
 * client and a registered redirect URI the browser must not be sent anywhere (`refused`, an error
 * page); after that every error goes back to the client (`redirect-error`).
 */
export type AuthorizationCheck =
  | { outcome: 'refused'; error: 'invalid_request' | 'invalid_client'; detail: string }
  | { outcome: 'redirect-error'; redirectUri: string; state?: string; error: string; detail: string }
  | { outcome: 'ok'; request: AuthorizationRequest };

/** The parameters this endpoint reads; others are ignored, as RFC 6749 section 3.1 requires. */
export const AUTHORIZATION_PARAMETERS = [
  'response_type',
  'client_id',
  'redirect_uri',
  'scope',
  'state',
  'nonce',
  'code_challenge',
  'code_challenge_method',
  'prompt',
  'response_mode',
] as const;

export const MAX_LENGTH: Record<(typeof AUTHORIZATION_PARAMETERS)[number], number> = {
  response_type: 50,
  client_id: 100,
  redirect_uri: 2000,
  scope: 1000,
  state: 1000,
  nonce: 500,
  code_challenge: 128,
  code_challenge_method: 10,
  prompt: 100,
  response_mode: 20,
};

const LOOPBACK_HOSTS = new Set(['127.0.0.1', 'localhost', '[::1]']);
/** RFC 7636 section 4.2: BASE64URL(SHA256(verifier)) is 43 characters of the unreserved set. */
const S256_CHALLENGE = /^[A-Za-z0-9_-]{43}$/;
/** RFC 7636 section 4.1. */
const CODE_VERIFIER = /^[A-Za-z0-9._~-]{43,128}$/;

function parseUrl(value: string): URL | undefined {
  try {
    return new URL(value);
  } catch {
    return undefined;
  }
}

/**
 * A redirect URI is registered when it is one of the client's, character for character; or, for
 * a loopback one (`http://127.0.0.1`, `http://localhost`, `http://[::1]`), the same but on any
 * port, as RFC 8252 section 7.3 allows: a local app (or a test) picks its port when it starts.
 */
export function isRegisteredRedirectUri(given: string, registered: string[]): boolean {
  if (registered.includes(given)) return true;
  const url = parseUrl(given);
  if (!url || url.protocol !== 'http:' || !LOOPBACK_HOSTS.has(url.hostname) || url.username || url.password || url.hash || given.includes('#')) return false;
  return registered.some((candidate) => {
    const other = parseUrl(candidate);
    return !!other && other.protocol === 'http:' && other.hostname === url.hostname && other.pathname === url.pathname && other.search === url.search;
  });
}

/** BASE64URL(SHA256(code_verifier)), compared with the code's challenge (RFC 7636 section 4.6). */
export function verifierMatches(codeVerifier: string, codeChallenge: string): boolean {
  return CODE_VERIFIER.test(codeVerifier) && createHash('sha256').update(codeVerifier, 'ascii').digest('base64url') === codeChallenge;
}

/** `redirect_uri` with the response's parameters added to its query (kept as registered). */
export function redirectWith(redirectUri: string, parameters: Record<string, string | undefined>): string {
  const url = new URL(redirectUri);
  for (const [name, value] of Object.entries(parameters)) if (value !== undefined) url.searchParams.set(name, value);
  return url.toString();
}

/**
 * Checks an authorization request's parameters (query of the GET, hidden fields of the POST)
 * against its client. Only the authorization code flow with PKCE S256 and `openid` is served.
 */
export function checkAuthorizationRequest(raw: Record<string, unknown>, client: SignInClient | undefined): AuthorizationCheck {
  const repeated = AUTHORIZATION_PARAMETERS.filter((name) => raw[name] !== undefined && typeof raw[name] !== 'string');
  const tooLong = AUTHORIZATION_PARAMETERS.filter((name) => typeof raw[name] === 'string' && raw[name].length > MAX_LENGTH[name]);
  const param = (name: (typeof AUTHORIZATION_PARAMETERS)[number]): string | undefined => {
    const value = raw[name];
    return typeof value === 'string' && value !== '' ? value : undefined;
  };
  const clientId = param('client_id');
  const redirectUri = param('redirect_uri');
  if (repeated.includes('client_id') || repeated.includes('redirect_uri')) {
    return { outcome: 'refused', error: 'invalid_request', detail: 'client_id and redirect_uri may each be given once' };
  }
  if (!clientId) return { outcome: 'refused', error: 'invalid_request', detail: 'client_id is required' };
  if (!client) return { outcome: 'refused', error: 'invalid_client', detail: `unknown client '${clientId.slice(0, MAX_LENGTH.client_id)}'` };
  // OpenID Connect requires redirect_uri; without it the browser is sent nowhere.
  if (!redirectUri) return { outcome: 'refused', error: 'invalid_request', detail: 'redirect_uri is required' };
  if (!isRegisteredRedirectUri(redirectUri, client.redirectUris)) {
    return { outcome: 'refused', error: 'invalid_request', detail: `redirect_uri is not registered for client '${client.clientId}'` };
  }
  const state = typeof raw.state === 'string' && raw.state.length <= MAX_LENGTH.state ? param('state') : undefined;
  const fail = (error: string, detail: string): AuthorizationCheck => ({ outcome: 'redirect-error', redirectUri, state, error, detail });
  if (repeated.length > 0) return fail('invalid_request', `parameters given more than once: ${repeated.join(', ')}`);
  if (tooLong.length > 0) return fail('invalid_request', `parameters too long: ${tooLong.join(', ')}`);
  if (param('response_type') !== 'code') return fail('unsupported_response_type', 'only response_type=code (the authorization code flow) is supported');
  if (!client.grantTypes.includes('authorization_code')) return fail('unauthorized_client', 'this client may not use the authorization code flow');
  const responseMode = param('response_mode');
  if (responseMode !== undefined && responseMode !== 'query') return fail('invalid_request', 'only response_mode=query is supported');
  const scope = param('scope');
  if (!scope?.split(' ').includes('openid')) return fail('invalid_scope', "scope must include 'openid'");
  const codeChallenge = param('code_challenge');
  if (!codeChallenge) return fail('invalid_request', 'code_challenge is required (PKCE, RFC 7636, method S256)');
  if (param('code_challenge_method') !== 'S256') return fail('invalid_request', 'code_challenge_method must be S256');
  if (!S256_CHALLENGE.test(codeChallenge)) return fail('invalid_request', 'code_challenge is not a base64url SHA-256 digest');
  // Nobody is signed in here without a password (no IdP session), so a silent request cannot succeed.
  if (param('prompt')?.split(' ').includes('none')) return fail('login_required', 'sign-in needs the user: prompt=none cannot be honoured');
  return { outcome: 'ok', request: { clientId, redirectUri, scope, state, nonce: param('nonce'), codeChallenge } };
}
