import { Body, Controller, Get, Inject, Post, Query, Req, Res } from '@nestjs/common';
import { ApiConsumes, ApiOperation, ApiProduces, ApiQuery, ApiResponse, ApiTags } from '@nestjs/swagger';
import { Public } from '@threadline/platform';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { ClientService, RegisteredClient } from '../clients/client.service';
import { IdpMockConfig } from '../idp-mock.config';
import { browserBaseUrl } from '../public-url';
import { oauthError } from '../token/oauth-request';
import { AuthorizationRequest, checkAuthorizationRequest, isRegisteredRedirectUri, MAX_LENGTH, redirectWith } from './authorization-request';
import { SignInService } from './sign-in.service';
import { SIGNED_OUT_PAGE_POLICY, signedOutPage, signInPage, signInPagePolicy } from './sign-in-page';
import { UserService } from './user.service';

const HTML = 'text/html; charset=utf-8';
const USERNAME_MAX = 100;
const PASSWORD_MAX = 200;

/** The query parameters documented; the endpoint reads them itself (unknown ones are ignored, RFC 6749 section 3.1). */
const QUERY_DOCS: Array<{ name: keyof typeof MAX_LENGTH; required: boolean; example: string; description: string }> = [
  { name: 'response_type', required: true, example: 'code', description: 'code: the authorization code flow (the only one served)' },
  { name: 'client_id', required: true, example: 'threadline-dashboard', description: 'A client registered for sign-in' },
  { name: 'redirect_uri', required: true, example: 'http://127.0.0.1:4401/auth/callback', description: 'Registered for the client (a loopback one on any port, RFC 8252 section 7.3)' },
  { name: 'scope', required: true, example: 'openid profile email', description: "Must include openid; the API scopes come from the person's roles" },
  { name: 'state', required: false, example: 'af0ifjsldkj', description: 'Returned unchanged with the code' },
  { name: 'nonce', required: false, example: 'n-0S6_WzA2Mj', description: 'Returned in the ID token' },
  { name: 'code_challenge', required: true, example: 'E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM', description: 'PKCE (RFC 7636): BASE64URL(SHA256(code_verifier))' },
  { name: 'code_challenge_method', required: true, example: 'S256', description: 'S256 (plain is refused)' },
  { name: 'prompt', required: false, example: 'login', description: 'The password is always asked; none answers login_required' },
  { name: 'response_mode', required: false, example: 'query', description: 'query only' },
];

function documentedQuery(): MethodDecorator {
  return (target, key, descriptor) => {
    for (const q of QUERY_DOCS) {
      ApiQuery({ name: q.name, required: q.required, description: q.description, schema: { type: 'string', maxLength: MAX_LENGTH[q.name], example: q.example } })(target, key, descriptor);
    }
  };
}

/**
 * The authorization endpoint (OpenID Connect Core 3.1.2) for people, and end_session. The
 * password is asked every time: the IdP keeps no session of its own, so signing out of a client
 * is all there is to signing out.
 */
@ApiTags('oidc')
@Public()
@Controller('oauth')
export class AuthorizeController {
  constructor(
    private readonly clients: ClientService,
    private readonly users: UserService,
    private readonly signIn: SignInService,
    @Inject(IdpMockConfig) private readonly config: IdpMockConfig,
  ) {}

  @Get('authorize')
  @ApiOperation({
    operationId: 'authorize',
    summary: 'OpenID Connect authorization endpoint: the sign-in page (authorization code flow, PKCE S256 required)',
    description:
      'Answers an HTML sign-in form. An unknown client or a redirect_uri not registered for it is refused here (problem+json, ' +
      'never a redirect); any other error goes back to the redirect_uri with RFC 6749 `error` and `state`.',
  })
  @documentedQuery()
  @ApiProduces(HTML)
  @ApiResponse({ status: 200, description: 'The sign-in form (HTML)', content: { [HTML]: { schema: { type: 'string', maxLength: 20000, example: '<!DOCTYPE html>...' } } } })
  @ApiResponse({ status: 303, description: 'An invalid request, sent back to the client: redirect_uri?error=...&state=...' })
  @ApiResponse({ status: 400, description: 'OAUTH_INVALID_REQUEST or OAUTH_INVALID_CLIENT: no client or no registered redirect_uri to answer to' })
  async authorize(@Query() query: Record<string, unknown>, @Req() request: FastifyRequest, @Res() reply: FastifyReply): Promise<void> {
    const checked = this.checkOrAnswer(query, await this.clientFor(query));
    if ('location' in checked) return this.redirect(reply, checked.location);
    this.page(reply, 200, request, checked.request);
  }

  @Post('authorize')
  @ApiOperation({
    operationId: 'signIn',
    summary: 'The sign-in form posted: on the right password, a one-time code for the client (303 to redirect_uri?code=&state=&iss=)',
    description: 'A wrong username or password answers the form again with 401, and issues nothing. Cancel answers access_denied to the client.',
  })
  @ApiConsumes('application/x-www-form-urlencoded')
  @ApiProduces(HTML)
  @ApiResponse({ status: 303, description: 'Signed in (or cancelled): back to the client with the code, state and iss' })
  @ApiResponse({ status: 401, description: 'Wrong username or password: the form again (HTML), nothing issued', content: { [HTML]: { schema: { type: 'string', maxLength: 20000, example: '<!DOCTYPE html>...' } } } })
  @ApiResponse({ status: 400, description: 'OAUTH_INVALID_REQUEST or OAUTH_INVALID_CLIENT: no client or no registered redirect_uri to answer to' })
  async submit(@Body() body: Record<string, unknown>, @Req() request: FastifyRequest, @Res() reply: FastifyReply): Promise<void> {
    const form = body ?? {};
    const checked = this.checkOrAnswer(form, await this.clientFor(form));
    if ('location' in checked) return this.redirect(reply, checked.location);
    const { request: authorization } = checked;
    if (form.action === 'cancel') {
      return this.redirect(reply, redirectWith(authorization.redirectUri, { error: 'access_denied', error_description: 'the user cancelled the sign-in', state: authorization.state, iss: this.config.issuer }));
    }
    const username = typeof form.username === 'string' ? form.username.trim().slice(0, USERNAME_MAX) : '';
    const password = typeof form.password === 'string' && form.password.length <= PASSWORD_MAX ? form.password : '';
    const user = username && password ? await this.users.authenticate(username, password) : undefined;
    if (!user) {
      return this.page(reply, 401, request, authorization, { username, error: 'Wrong username or password. Try again.' });
    }
    const code = await this.signIn.issueCode(checked.client, authorization, user);
    this.redirect(reply, redirectWith(authorization.redirectUri, { code, state: authorization.state, iss: this.config.issuer }));
  }

  @Get('logout')
  @ApiOperation({
    operationId: 'endSession',
    summary: 'OpenID Connect RP-initiated logout (end_session_endpoint)',
    description:
      'The IdP keeps no session, so nothing is left to end here: it sends the browser to post_logout_redirect_uri when that is registered ' +
      'for the client (named by client_id or by the id_token_hint), with state, or else shows a signed-out page.',
  })
  @ApiQuery({ name: 'id_token_hint', required: false, schema: { type: 'string', maxLength: 4096, example: 'eyJhbGciOiJSUzI1NiIsImtpZCI6Ii4uLiJ9...' } })
  @ApiQuery({ name: 'post_logout_redirect_uri', required: false, schema: { type: 'string', maxLength: 2000, example: 'http://127.0.0.1:4401/' } })
  @ApiQuery({ name: 'client_id', required: false, schema: { type: 'string', maxLength: 100, example: 'threadline-dashboard' } })
  @ApiQuery({ name: 'state', required: false, schema: { type: 'string', maxLength: 1000, example: 'af0ifjsldkj' } })
  @ApiProduces(HTML)
  @ApiResponse({ status: 200, description: 'Signed out (HTML)', content: { [HTML]: { schema: { type: 'string', maxLength: 20000, example: '<!DOCTYPE html>...' } } } })
  @ApiResponse({ status: 303, description: 'Back to the registered post_logout_redirect_uri' })
  @ApiResponse({ status: 400, description: 'OAUTH_INVALID_REQUEST: a post_logout_redirect_uri not registered for the client, or no client to check it against' })
  async logout(@Query() query: Record<string, unknown>, @Res() reply: FastifyReply): Promise<void> {
    const text = (name: string, max: number): string | undefined => {
      const value = query[name];
      return typeof value === 'string' && value !== '' && value.length <= max ? value : undefined;
    };
    const postLogout = text('post_logout_redirect_uri', 2000);
    if (postLogout) {
      const hint = text('id_token_hint', 4096);
      const clientId = text('client_id', 100) ?? (hint ? this.signIn.idTokenHint(hint)?.clientId : undefined);
      const client = clientId ? await this.clients.find(clientId) : undefined;
      if (!client) throw oauthError(400, 'invalid_request', 'post_logout_redirect_uri needs a valid id_token_hint or client_id', 'Logout request refused');
      if (!isRegisteredRedirectUri(postLogout, client.postLogoutRedirectUris)) {
        throw oauthError(400, 'invalid_request', `post_logout_redirect_uri is not registered for client '${client.clientId}'`, 'Logout request refused');
      }
      return this.redirect(reply, redirectWith(postLogout, { state: text('state', 1000) }));
    }
    void reply.status(200).header('content-type', HTML).header('content-security-policy', SIGNED_OUT_PAGE_POLICY).send(signedOutPage());
  }

  private async clientFor(params: Record<string, unknown>): Promise<RegisteredClient | undefined> {
    const id = params.client_id;
    return typeof id === 'string' && id.length <= MAX_LENGTH.client_id ? this.clients.find(id) : undefined;
  }

  /**
   * The checked request, or where to send an error back to the client; an error with no registered
   * redirect URI to answer to is thrown (a problem document, never a redirect: no open redirector).
   */
  private checkOrAnswer(params: Record<string, unknown>, client: RegisteredClient | undefined): { client: RegisteredClient; request: AuthorizationRequest } | { location: string } {
    const checked = checkAuthorizationRequest(params, client);
    if (checked.outcome === 'refused') throw oauthError(400, checked.error, checked.detail, 'Authorization request refused');
    if (checked.outcome === 'redirect-error') {
      return { location: redirectWith(checked.redirectUri, { error: checked.error, error_description: checked.detail, state: checked.state, iss: this.config.issuer }) };
    }
    return { client: client!, request: checked.request };
  }

  private page(reply: FastifyReply, status: number, request: FastifyRequest, authorization: AuthorizationRequest, form: { username?: string; error?: string } = {}): void {
    // The path alone: the form posts to the origin the browser is on, which its form-action 'self' allows.
    const action = `${new URL(browserBaseUrl(this.config, request)).pathname.replace(/\/+$/, '')}/oauth/authorize`;
    const html = signInPage({ action, request: authorization, ...form });
    void reply.status(status).header('content-type', HTML).header('content-security-policy', signInPagePolicy(authorization.redirectUri)).send(html);
  }

  private redirect(reply: FastifyReply, location: string): void {
    void reply.status(303).header('location', location).send();
  }
}
