import { Body, Controller, Get, HttpCode, Inject, Post, Req } from '@nestjs/common';
import { ApiBadRequestResponse, ApiConsumes, ApiOkResponse, ApiOperation, ApiTags, ApiUnauthorizedResponse, ApiSecurity } from '@nestjs/swagger';
import { audiencesOf } from '@threadline/gateway-auth';
import { DialectError, Public } from '@threadline/platform';
import { randomUUID } from 'node:crypto';
import { sign } from 'jsonwebtoken';
import { ClientService } from '../clients/client.service';
import { IdpMockConfig } from '../idp-mock.config';
import { SigningKeyService } from '../keys/signing-key.service';
import { TokenRequestDto, TokenResponseDto } from './token.dto';

/**
 * OAuth errors are problem+json documents that also carry RFC 6749's `error` member; their status
 * is the OAuth dialect's (400 or 401 by RFC 6749 section 5.2), so they are the IdP's own.
 */
function oauthError(status: number, error: string, detail: string): DialectError {
  const e = new DialectError(`OAUTH_${error.toUpperCase()}`, status, 'Token request refused', detail, { error, error_description: detail });
  return status === 401 ? e.withHeaders({ 'www-authenticate': 'Basic realm="threadline-idp"' }) : e;
}

function basicCredentials(header: string | undefined): { id: string; secret: string } | undefined {
  const match = /^Basic\s+(.+)$/i.exec(header ?? '');
  if (!match) return undefined;
  const decoded = Buffer.from(match[1], 'base64').toString('utf8');
  const colon = decoded.indexOf(':');
  if (colon < 0) return undefined;
  return { id: decodeURIComponent(decoded.slice(0, colon)), secret: decodeURIComponent(decoded.slice(colon + 1)) };
}

@ApiTags('oauth')
@Public()
@Controller()
export class TokenController {
  constructor(
    private readonly clients: ClientService,
    private readonly keys: SigningKeyService,
    @Inject(IdpMockConfig) private readonly config: IdpMockConfig,
  ) {}

  @Post('oauth/token')
  @HttpCode(200)
  @ApiConsumes('application/x-www-form-urlencoded', 'application/json')
  @ApiSecurity('clientSecretBasic')
  @ApiOperation({ operationId: 'issueToken', summary: 'OAuth 2.0 client credentials grant: issues an RS256 access token' })
  @ApiOkResponse({ type: TokenResponseDto })
  @ApiBadRequestResponse({ description: 'invalid_request or invalid_scope (problem+json with an `error` member)' })
  @ApiUnauthorizedResponse({ description: 'invalid_client' })
  // The Authorization header is read from the request: it is the clientSecretBasic scheme, which
  // the document declares as security, not as a parameter.
  async token(@Body() body: TokenRequestDto, @Req() request: { headers: Record<string, string | string[] | undefined> }): Promise<TokenResponseDto> {
    const authorization = request.headers.authorization;
    const basic = basicCredentials(typeof authorization === 'string' ? authorization : undefined);
    const id = basic?.id ?? body.client_id;
    const secret = basic?.secret ?? body.client_secret;
    if (!id || !secret) throw oauthError(401, 'invalid_client', 'client authentication is required');
    const client = await this.clients.authenticate(id, secret);
    if (!client) throw oauthError(401, 'invalid_client', 'unknown client or wrong secret');
    const requested = body.scope?.split(' ').filter(Boolean);
    const granted = requested ?? client.allowedScopes;
    const refused = granted.filter((s) => !client.allowedScopes.includes(s));
    if (refused.length > 0) throw oauthError(400, 'invalid_scope', `not allowed for this client: ${refused.join(' ')}`);
    // The token is good only at the apps its scopes are for (RFC 8707-style): a narrower audience may
    // be asked for, a foreign one is refused.
    const audiences = audiencesOf(granted);
    if (body.audience && !audiences.includes(body.audience)) {
      throw oauthError(400, 'invalid_target', `scopes ${granted.join(' ')} are not for ${body.audience}`);
    }
    const { kid, privateKey } = this.keys.signingKey();
    const ttl = this.config.tokenTtlSeconds;
    const accessToken = sign(
      { scope: granted.join(' '), client_id: client.clientId, jti: randomUUID(), ...(client.plants ? { plants: client.plants } : {}) },
      privateKey,
      {
        algorithm: 'RS256',
        keyid: kid,
        issuer: this.config.issuer,
        audience: body.audience ?? (audiences.length > 0 ? audiences : this.config.defaultAudience),
        subject: client.clientId,
        expiresIn: ttl,
      },
    );
    return { access_token: accessToken, token_type: 'Bearer', expires_in: ttl, scope: granted.join(' ') };
  }

  @Get('.well-known/jwks.json')
  @ApiOperation({ operationId: 'getJwks', summary: 'The public keys tokens are signed with (JWKS)' })
  @ApiOkResponse({ description: 'JSON Web Key Set' })
  jwks(): Promise<{ keys: object[] }> {
    return this.keys.jwks();
  }

  @Get('.well-known/openid-configuration')
  @ApiOperation({ operationId: 'getDiscovery', summary: 'Discovery document (issuer, token endpoint, JWKS URI)' })
  @ApiOkResponse({ description: 'Authorization server metadata (RFC 8414 subset)' })
  discovery(): object {
    return {
      issuer: this.config.issuer,
      token_endpoint: '/oauth/token',
      jwks_uri: '/.well-known/jwks.json',
      grant_types_supported: ['client_credentials'],
      token_endpoint_auth_methods_supported: ['client_secret_basic', 'client_secret_post'],
      id_token_signing_alg_values_supported: ['RS256'],
    };
  }
}
