import { Inject, Injectable } from '@nestjs/common';
import { audiencesOf } from '@threadline/gateway-auth';
import { createHash, randomBytes, randomUUID } from 'node:crypto';
import { sign, verify } from 'jsonwebtoken';
import { RegisteredClient } from '../clients/client.service';
import { IdpMockConfig } from '../idp-mock.config';
import { SigningKeyService } from '../keys/signing-key.service';
import { oauthError } from '../token/oauth-request';
import { TokenResponseDto } from '../token/token.dto';
import { AuthorizationRequest, verifierMatches } from './authorization-request';
import { apiScopesOf, grantedScopes, IDENTITY_SCOPES, scopesOfRoles } from './demo-users';
import { GrantRepository } from './grant.repository';
import { User, UserService } from './user.service';

/** A one-time secret handed to a client (code, refresh token): 256 random bits; only its hash is stored. */
function newSecret(): { value: string; hash: string } {
  const value = randomBytes(32).toString('base64url');
  return { value, hash: hashOf(value) };
}

function hashOf(value: string): string {
  return createHash('sha256').update(value).digest('base64url');
}

/** What the userinfo endpoint and the ID token say about a person. */
export interface UserClaims {
  sub: string;
  name: string;
  preferred_username: string;
  email: string;
  email_verified: boolean;
  roles: string[];
}

function claimsOf(user: User): UserClaims {
  return { sub: user.username, name: user.name, preferred_username: user.username, email: user.email, email_verified: true, roles: user.roles };
}

/**
 * People's sign-in (OpenID Connect, authorization code with PKCE): codes issued after the password,
 * redeemed once for an access token (for the APIs the client calls on the person's behalf), an ID
 * token (for the client) and a rotating refresh token.
 */
@Injectable()
export class SignInService {
  constructor(
    private readonly users: UserService,
    private readonly grants: GrantRepository,
    private readonly keys: SigningKeyService,
    @Inject(IdpMockConfig) private readonly config: IdpMockConfig,
  ) {}

  /** The code the browser takes back to the client, bound to everything the request said. */
  async issueCode(client: RegisteredClient, request: AuthorizationRequest, user: User): Promise<string> {
    const code = newSecret();
    await this.grants.insertCode(
      {
        codeHash: code.hash,
        clientId: client.clientId,
        username: user.username,
        redirectUri: request.redirectUri,
        codeChallenge: request.codeChallenge,
        nonce: request.nonce ?? null,
        scope: grantedScopes(request.scope, user.roles, client.allowedScopes).join(' '),
        authTime: new Date(),
      },
      this.config.authorizationCodeTtlSeconds,
    );
    return code.value;
  }

  /** grant_type=authorization_code (RFC 6749 section 4.1.3, RFC 7636 section 4.6). */
  async redeemCode(client: RegisteredClient, body: { code?: string; redirect_uri?: string; code_verifier?: string }): Promise<TokenResponseDto> {
    if (!client.grantTypes.includes('authorization_code')) throw oauthError(400, 'unauthorized_client', 'this client may not use the authorization code grant');
    if (!body.code || !body.redirect_uri || !body.code_verifier) throw oauthError(400, 'invalid_request', 'code, redirect_uri and code_verifier are required');
    const redemption = await this.grants.redeemCode(hashOf(body.code));
    if (redemption.status === 'reused') {
      // RFC 6749 section 4.1.2: a code used twice was stolen or replayed; what it gave is revoked.
      await this.grants.revokeGrant(redemption.codeHash);
      throw oauthError(400, 'invalid_grant', 'the authorization code was already used; the tokens issued from it are revoked');
    }
    if (redemption.status === 'unknown') throw oauthError(400, 'invalid_grant', 'unknown authorization code');
    const { record, expired } = redemption;
    // The code is spent whatever follows: a wrong verifier cannot be retried against it.
    if (record.clientId !== client.clientId) throw oauthError(400, 'invalid_grant', 'the authorization code was issued to another client');
    if (expired) throw oauthError(400, 'invalid_grant', 'the authorization code expired');
    if (record.redirectUri !== body.redirect_uri) throw oauthError(400, 'invalid_grant', 'redirect_uri differs from the authorization request');
    if (!verifierMatches(body.code_verifier, record.codeChallenge)) throw oauthError(400, 'invalid_grant', 'code_verifier does not match the code_challenge (PKCE S256)');
    const user = await this.users.find(record.username);
    if (!user) throw oauthError(400, 'invalid_grant', 'the user no longer exists');
    return this.tokens(client, user, record.scope, record.authTime, record.codeHash, record.nonce ?? undefined);
  }

  /** grant_type=refresh_token (RFC 6749 section 6), rotating: each refresh token works once. */
  async refresh(client: RegisteredClient, body: { refresh_token?: string }): Promise<TokenResponseDto> {
    if (!client.grantTypes.includes('refresh_token')) throw oauthError(400, 'unauthorized_client', 'this client may not use the refresh token grant');
    if (!body.refresh_token) throw oauthError(400, 'invalid_request', 'refresh_token is required');
    const redemption = await this.grants.redeemRefreshToken(hashOf(body.refresh_token));
    if (redemption.status === 'reused') {
      await this.grants.revokeGrant(redemption.codeHash);
      throw oauthError(400, 'invalid_grant', 'the refresh token was already used; the sign-in it belongs to is revoked');
    }
    if (redemption.status === 'unknown') throw oauthError(400, 'invalid_grant', 'unknown or revoked refresh token');
    const { record, expired } = redemption;
    if (record.clientId !== client.clientId) throw oauthError(400, 'invalid_grant', 'the refresh token was issued to another client');
    if (expired) throw oauthError(400, 'invalid_grant', 'the refresh token expired');
    const user = await this.users.find(record.username);
    if (!user) throw oauthError(400, 'invalid_grant', 'the user no longer exists');
    // A person's rights follow their current roles: a role taken away is gone at the next refresh.
    const current = scopesOfRoles(user.roles);
    const scope = record.scope.split(' ').filter((s) => IDENTITY_SCOPES.includes(s) || current.includes(s));
    return this.tokens(client, user, scope.join(' '), record.authTime, record.codeHash);
  }

  /** The person an access token of ours was issued for (userinfo); undefined for anything else. */
  async userOfAccessToken(accessToken: string): Promise<{ claims: UserClaims; scope: string[] } | undefined> {
    let payload: Record<string, unknown>;
    try {
      payload = verify(accessToken, this.keys.publicKey(), { algorithms: ['RS256'], issuer: this.config.issuer }) as Record<string, unknown>;
    } catch {
      return undefined;
    }
    const user = typeof payload.sub === 'string' && payload.token_use === 'access' ? await this.users.find(payload.sub) : undefined;
    return user && { claims: claimsOf(user), scope: String(payload.scope ?? '').split(' ') };
  }

  /** The ID token's audience and subject, if it is one of ours (end_session's id_token_hint; it may have expired). */
  idTokenHint(idToken: string): { clientId: string; subject: string } | undefined {
    try {
      const payload = verify(idToken, this.keys.publicKey(), { algorithms: ['RS256'], issuer: this.config.issuer, ignoreExpiration: true }) as Record<string, unknown>;
      return typeof payload.aud === 'string' && typeof payload.sub === 'string' ? { clientId: payload.aud, subject: payload.sub } : undefined;
    } catch {
      return undefined;
    }
  }

  private async tokens(client: RegisteredClient, user: User, scope: string, authTime: Date, codeHash: string, nonce?: string): Promise<TokenResponseDto> {
    const { kid, privateKey } = this.keys.signingKey();
    const ttl = this.config.tokenTtlSeconds;
    const apiScopes = apiScopesOf(scope);
    const audiences = audiencesOf(apiScopes);
    const claims = claimsOf(user);
    const authTimeSeconds = Math.floor(authTime.getTime() / 1000);
    // An access token in the shape of the client credentials ones (scope, client_id, aud from the
    // scopes), so every app's gateway takes it as it is; the person is its subject.
    const accessToken = sign(
      { scope, client_id: client.clientId, jti: randomUUID(), token_use: 'access', auth_time: authTimeSeconds, name: claims.name, email: claims.email, roles: claims.roles },
      privateKey,
      { algorithm: 'RS256', keyid: kid, issuer: this.config.issuer, audience: audiences.length > 0 ? audiences : this.config.defaultAudience, subject: user.username, expiresIn: ttl },
    );
    const { sub: _sub, ...identity } = claims;
    const idToken = sign({ ...identity, azp: client.clientId, auth_time: authTimeSeconds, ...(nonce !== undefined ? { nonce } : {}) }, privateKey, {
      algorithm: 'RS256',
      keyid: kid,
      issuer: this.config.issuer,
      audience: client.clientId,
      subject: user.username,
      expiresIn: ttl,
    });
    const refresh = newSecret();
    if (client.grantTypes.includes('refresh_token')) {
      await this.grants.insertRefreshToken(
        { tokenHash: refresh.hash, clientId: client.clientId, username: user.username, scope, authTime, codeHash },
        this.config.refreshTokenTtlSeconds,
      );
    }
    return {
      access_token: accessToken,
      token_type: 'Bearer',
      expires_in: ttl,
      scope,
      id_token: idToken,
      ...(client.grantTypes.includes('refresh_token') ? { refresh_token: refresh.value } : {}),
    };
  }
}
