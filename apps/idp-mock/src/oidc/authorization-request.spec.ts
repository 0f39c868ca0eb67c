import { checkAuthorizationRequest, isRegisteredRedirectUri, redirectWith, SignInClient, verifierMatches } from './authorization-request';
import { grantedScopes } from './demo-users';

const DASHBOARD: SignInClient = {
  clientId: 'threadline-dashboard',
  grantTypes: ['authorization_code', 'refresh_token'],
  redirectUris: ['http://127.0.0.1:4401/auth/callback', 'http://localhost:4401/auth/callback', 'https://dash.example.com/auth/callback'],
};

/** RFC 7636 appendix B. */
const VERIFIER = 'dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk';
const CHALLENGE = 'E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM';

const valid = {
  response_type: 'code',
  client_id: 'threadline-dashboard',
  redirect_uri: 'http://127.0.0.1:4401/auth/callback',
  scope: 'openid profile',
  state: 'st',
  nonce: 'no',
  code_challenge: CHALLENGE,
  code_challenge_method: 'S256',
};

describe('authorization request', () => {
  it('takes a registered redirect URI exactly, and a loopback one on any port but nothing else about it', () => {
    const registered = DASHBOARD.redirectUris;
    expect(isRegisteredRedirectUri('https://dash.example.com/auth/callback', registered)).toBe(true);
    expect(isRegisteredRedirectUri('http://127.0.0.1:50123/auth/callback', registered)).toBe(true);
    expect(isRegisteredRedirectUri('http://localhost:3000/auth/callback', registered)).toBe(true);
    expect(isRegisteredRedirectUri('http://127.0.0.1/auth/callback', registered)).toBe(true);
    expect(isRegisteredRedirectUri('https://dash.example.com:8443/auth/callback', registered)).toBe(false);
    expect(isRegisteredRedirectUri('https://dash.example.com/auth/callback/', registered)).toBe(false);
    expect(isRegisteredRedirectUri('http://127.0.0.1:50123/auth/other', registered)).toBe(false);
    expect(isRegisteredRedirectUri('http://127.0.0.1:50123/auth/callback?x=1', registered)).toBe(false);
    expect(isRegisteredRedirectUri('http://127.0.0.1:50123/auth/callback#x', registered)).toBe(false);
    expect(isRegisteredRedirectUri('http://evil@127.0.0.1:50123/auth/callback', registered)).toBe(false);
    expect(isRegisteredRedirectUri('https://127.0.0.1:50123/auth/callback', registered)).toBe(false);
    expect(isRegisteredRedirectUri('http://127.0.0.2:4401/auth/callback', registered)).toBe(false);
    expect(isRegisteredRedirectUri('not a url', registered)).toBe(false);
  });

  it('checks PKCE S256 with the RFC 7636 example', () => {
    expect(verifierMatches(VERIFIER, CHALLENGE)).toBe(true);
    expect(verifierMatches(`${VERIFIER.slice(0, -1)}l`, CHALLENGE)).toBe(false);
    // A verifier outside RFC 7636's alphabet or length never matches.
    expect(verifierMatches('short', CHALLENGE)).toBe(false);
  });

  it('accepts the code flow with S256 and openid, ignoring parameters it does not know', () => {
    expect(checkAuthorizationRequest({ ...valid, ui_locales: 'de', login_hint: 'paula' }, DASHBOARD)).toEqual({
      outcome: 'ok',
      request: { clientId: 'threadline-dashboard', redirectUri: valid.redirect_uri, scope: 'openid profile', state: 'st', nonce: 'no', codeChallenge: CHALLENGE },
    });
  });

  it('refuses without redirecting while the client or its redirect URI is not established', () => {
    expect(checkAuthorizationRequest({ ...valid, client_id: undefined }, DASHBOARD)).toMatchObject({ outcome: 'refused', error: 'invalid_request' });
    expect(checkAuthorizationRequest(valid, undefined)).toMatchObject({ outcome: 'refused', error: 'invalid_client' });
    expect(checkAuthorizationRequest({ ...valid, redirect_uri: undefined }, DASHBOARD)).toMatchObject({ outcome: 'refused' });
    expect(checkAuthorizationRequest({ ...valid, redirect_uri: 'https://evil.example/cb' }, DASHBOARD)).toMatchObject({ outcome: 'refused' });
    expect(checkAuthorizationRequest({ ...valid, redirect_uri: [valid.redirect_uri, 'https://evil.example/cb'] }, DASHBOARD)).toMatchObject({ outcome: 'refused' });
  });

  it('sends every other error back to the client with its state', () => {
    const error = (change: Record<string, unknown>, client = DASHBOARD) => {
      const checked = checkAuthorizationRequest({ ...valid, ...change }, client);
      return checked.outcome === 'redirect-error' ? [checked.error, checked.state] : checked.outcome;
    };
    expect(error({ response_type: 'token' })).toEqual(['unsupported_response_type', 'st']);
    expect(error({ scope: 'profile' })).toEqual(['invalid_scope', 'st']);
    expect(error({ code_challenge: undefined })).toEqual(['invalid_request', 'st']);
    expect(error({ code_challenge_method: undefined })).toEqual(['invalid_request', 'st']);
    expect(error({ code_challenge_method: 'plain' })).toEqual(['invalid_request', 'st']);
    expect(error({ code_challenge: 'not-a-digest' })).toEqual(['invalid_request', 'st']);
    expect(error({ state: ['a', 'b'] })).toEqual(['invalid_request', undefined]);
    expect(error({ response_mode: 'fragment' })).toEqual(['invalid_request', 'st']);
    expect(error({ prompt: 'none' })).toEqual(['login_required', 'st']);
    expect(error({}, { ...DASHBOARD, grantTypes: ['client_credentials'] })).toEqual(['unauthorized_client', 'st']);
  });

  it("adds the response to the redirect URI's query, keeping what it had", () => {
    expect(redirectWith('https://dash.example.com/cb?tenant=a', { code: 'c', state: undefined, iss: 'https://idp' })).toBe('https://dash.example.com/cb?tenant=a&code=c&iss=https%3A%2F%2Fidp');
  });

  it("grants the identity scopes asked for and the role's API scopes the client may hold, narrowed when API scopes are asked for", () => {
    const client = ['experience:read', 'releases:read', 'releases:write', 'ops:replay'];
    expect(grantedScopes('openid profile', ['planner'], client)).toEqual(['openid', 'profile', 'experience:read', 'releases:read', 'releases:write']);
    expect(grantedScopes('openid', ['executive', 'operator'], client)).toEqual(['openid', 'experience:read', 'ops:replay', 'releases:read']);
    expect(grantedScopes('openid experience:read ops:replay', ['planner'], client)).toEqual(['openid', 'experience:read']);
    expect(grantedScopes('openid', ['operator'], ['experience:read'])).toEqual(['openid', 'experience:read']);
    expect(grantedScopes('openid', ['nobody-knows'], client)).toEqual(['openid']);
  });
});
