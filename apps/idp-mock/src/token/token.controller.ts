import { Body, Controller, Get, HttpCode, Inject, Post, Req } from '@nestjs/common';
import { ApiBadRequestResponse, ApiConsumes, ApiOkResponse, ApiOperation, ApiTags, ApiUnauthorizedResponse, ApiSecurity } from '@nestjs/swagger';
import { audiencesOf, Scopes } from '@threadline/gateway-auth';
import { Public } from '@threadline/platform';
import { randomUUID } from 'node:crypto';
import { sign } from 'jsonwebtoken';
import { ClientService } from '../clients/client.service';
import { IdpMockConfig } from '../idp-mock.config';
import { SigningKeyService } from '../keys/signing-key.service';
import { IDENTITY_SCOPES } from '../oidc/demo-users';
import { SignInService } from '../oidc/sign-in.service';
import { browserBaseUrl, requestBaseUrl } from '../public-url';
import { basicCredentials, oauthError } from './oauth-request';
import { TokenRequestDto, TokenResponseDto } from './token.dto';

@ApiTags('oauth')
@Public()
@Controller()
export class TokenController {
  constructor(
    private readonly clients: ClientService,
    private readonly keys: SigningKeyService,
    private readonly signIn: SignInService,
    @Inject(IdpMockConfig) private readonly config: IdpMockConfig,
  ) {}

  @Post('oauth/token')
  @HttpCode(200)
  @ApiConsumes('application/x-www-form-urlencoded', 'application/json')
  @ApiSecurity('clientSecretBasic')
  @ApiOperation({
    operationId: 'issueToken',
    summary: 'OAuth 2.0 token endpoint: client credentials; authorization code with PKCE and refresh token (OpenID Connect sign-in)',
    description:
      'A service gets an RS256 access token with client_credentials. A client that signs people in redeems the authorization code ' +
      '(once; redirect_uri as in the authorization request, code_verifier matching its S256 code_challenge) for an access token for ' +
      'the APIs it calls on their behalf, an ID token and a refresh token; each refresh token works once. Refusals carry RFC 6749 `error` ' +
      '(invalid_grant for a used, expired or foreign code, a wrong verifier or redirect_uri; a code used twice revokes what it gave).',
  })
  @ApiOkResponse({ type: TokenResponseDto })
  @ApiBadRequestResponse({ description: 'invalid_request, invalid_scope, invalid_target, invalid_grant or unauthorized_client (problem+json with an `error` member)' })
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
    if (body.grant_type === 'authorization_code') return this.signIn.redeemCode(client, body);
    if (body.grant_type === 'refresh_token') return this.signIn.refresh(client, body);
    if (!client.grantTypes.includes('client_credentials')) throw oauthError(400, 'unauthorized_client', 'this client may not use the client credentials grant');
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
  @ApiOperation({ operationId: 'getDiscovery', summary: 'OpenID Connect discovery: issuer, endpoints, JWKS URI and what they support' })
  @ApiOkResponse({ description: 'OpenID Provider metadata (OpenID Connect Discovery 1.0; RFC 8414)' })
  discovery(@Req() request: { protocol: string; host: string }): object {
    // The browser is sent to the front channel; the client's server calls the back channel where it asked.
    const front = browserBaseUrl(this.config, request);
    const back = requestBaseUrl(request);
    return {
      issuer: this.config.issuer,
      authorization_endpoint: `${front}/oauth/authorize`,
      token_endpoint: `${back}/oauth/token`,
      userinfo_endpoint: `${back}/oauth/userinfo`,
      end_session_endpoint: `${front}/oauth/logout`,
      jwks_uri: `${back}/.well-known/jwks.json`,
      response_types_supported: ['code'],
      response_modes_supported: ['query'],
      grant_types_supported: ['client_credentials', 'authorization_code', 'refresh_token'],
      code_challenge_methods_supported: ['S256'],
      scopes_supported: [...IDENTITY_SCOPES, ...Object.values(Scopes)],
      claims_supported: ['iss', 'sub', 'aud', 'exp', 'iat', 'auth_time', 'nonce', 'azp', 'name', 'preferred_username', 'email', 'email_verified', 'roles'],
      subject_types_supported: ['public'],
      id_token_signing_alg_values_supported: ['RS256'],
      token_endpoint_auth_methods_supported: ['client_secret_basic', 'client_secret_post'],
      prompt_values_supported: ['login', 'none'],
      authorization_response_iss_parameter_supported: true,
      claims_parameter_supported: false,
      request_parameter_supported: false,
      request_uri_parameter_supported: false,
    };
  }
}
