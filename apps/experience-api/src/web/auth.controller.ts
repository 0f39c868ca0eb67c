import { Controller, Get, Logger, Post, Query, Req, Res } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import { Public } from '@threadline/platform';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { ExperienceApiConfig } from '../experience-api.config';
import { OidcClient, SignInState } from './oidc.client';
import { Sealer } from './sealed';
import { html } from './views/html';
import { publicPage } from './views/layout';
import { clearedCookie, contentSecurityPolicy, cookie, cookiesOf, safeReturnPath, sameToken, sendHtml, SESSION_COOKIE, SIGN_IN_COOKIE } from './web-http';
import { WebSessionService } from './web-session.service';

/** A sign-in must come back within this time. */
const SIGN_IN_SECONDS = 600;

/**
 * Sign-in and sign-out of the web dashboard (OpenID Connect, authorization code with PKCE). Public
 * for the gateway (no bearer token: the browser has none); the session cookie is the credential.
 */
@ApiExcludeController()
@Public()
@Controller('auth')
export class AuthController {
  private readonly logger = new Logger(AuthController.name);
  private readonly signIn: Sealer;

  constructor(
    config: ExperienceApiConfig,
    private readonly oidc: OidcClient,
    private readonly sessions: WebSessionService,
  ) {
    this.signIn = new Sealer(config.dashboardCookieSecret, 'sign-in-state');
  }

  private secure(): boolean {
    return this.oidc.publicUrl().startsWith('https:');
  }

  private csp(): string {
    return contentSecurityPolicy(this.oidc.formActionOrigins());
  }

  @Get('login')
  async login(@Query('returnTo') returnTo: unknown, @Res() reply: FastifyReply): Promise<void> {
    let started: Awaited<ReturnType<OidcClient['signInUrl']>>;
    try {
      started = await this.oidc.signInUrl(safeReturnPath(returnTo));
    } catch (error) {
      this.logger.warn(`sign-in could not start: ${(error as Error).message}`);
      sendHtml(reply, 503, publicPage('Sign-in is unavailable', html`<p>The identity provider does not answer. Try again in a moment.</p><p><a href="/auth/login">Try again</a></p>`), this.csp());
      return;
    }
    void reply
      .header('set-cookie', cookie(SIGN_IN_COOKIE, this.signIn.seal({ ...started.state, at: Date.now() }), { secure: this.secure(), path: '/auth', maxAgeSeconds: SIGN_IN_SECONDS }))
      .redirect(started.url, 302);
  }

  @Get('callback')
  async callback(@Req() request: FastifyRequest, @Res() reply: FastifyReply): Promise<void> {
    const state = this.signIn.open<SignInState & { at: number }>(cookiesOf(request)[SIGN_IN_COOKIE]);
    const failed = (why: string) =>
      sendHtml(
        reply.header('set-cookie', clearedCookie(SIGN_IN_COOKIE, { secure: this.secure(), path: '/auth' })),
        400,
        publicPage('Sign-in did not complete', html`<p>${why}</p><p><a href="/auth/login">Sign in again</a></p>`),
        this.csp(),
      );
    if (!state || Date.now() - state.at > SIGN_IN_SECONDS * 1000) {
      failed('This sign-in was not started here, or it took too long.');
      return;
    }
    const query = request.query as Record<string, unknown>;
    if (typeof query.error === 'string') {
      failed(`The identity provider refused the sign-in (${query.error}).`);
      return;
    }
    let sessionId: string;
    try {
      const tokens = await this.oidc.complete(`${this.oidc.publicUrl()}${request.url}`, state);
      sessionId = await this.sessions.create(tokens);
    } catch (error) {
      this.logger.warn(`sign-in failed: ${(error as Error).message}`);
      failed('The identity provider\'s answer could not be verified.');
      return;
    }
    void reply
      .header('set-cookie', [
        clearedCookie(SIGN_IN_COOKIE, { secure: this.secure(), path: '/auth' }),
        cookie(SESSION_COOKIE, sessionId, { secure: this.secure() }),
      ])
      .redirect(safeReturnPath(state.returnTo), 303);
  }

  /** Ends the session here and at the IdP (RP-initiated logout), a POST with the session's CSRF token. */
  @Post('logout')
  async logout(@Req() request: FastifyRequest, @Res() reply: FastifyReply): Promise<void> {
    const session = await this.sessions.find(cookiesOf(request)[SESSION_COOKIE]);
    const cleared = clearedCookie(SESSION_COOKIE, { secure: this.secure() });
    if (!session) {
      void reply.header('set-cookie', cleared).redirect('/', 303);
      return;
    }
    const body = (request.body ?? {}) as Record<string, unknown>;
    if (!sameToken(typeof body._csrf === 'string' ? body._csrf : undefined, session.csrfToken)) {
      sendHtml(reply, 403, publicPage('Not signed out', html`<p>This request did not come from the dashboard's own page.</p><p><a href="/">Back to the dashboard</a></p>`), this.csp());
      return;
    }
    await this.sessions.end(session);
    const endSession = await this.oidc.signOutUrl(session.idToken).catch(() => undefined);
    void reply.header('set-cookie', cleared).redirect(endSession ?? '/', 303);
  }
}
