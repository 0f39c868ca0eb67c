import { Injectable, Logger } from '@nestjs/common';
import { HttpAdapterHost } from '@nestjs/core';
import type { AddressInfo } from 'node:net';
import { BaseClient, generators, Issuer, TokenSet } from 'openid-client';
import { ExperienceApiConfig } from '../experience-api.config';

/** What the browser's sign-in carries from /auth/login to /auth/callback (sealed in a cookie). */
export interface SignInState {
  state: string;
  nonce: string;
  codeVerifier: string;
  returnTo: string;
}

/**
 * The dashboard as an OpenID Connect relying party (openid-client 5, CommonJS): discovery, the
 * authorization code flow with PKCE (S256), state and nonce, a confidential client. Any provider
 * with a discovery document works by configuration alone (issuer URL, client id and secret).
 */
@Injectable()
export class OidcClient {
  private readonly logger = new Logger(OidcClient.name);
  private client?: Promise<BaseClient>;
  private formOrigins: string[];
  private failedAt = 0;

  constructor(
    private readonly config: ExperienceApiConfig,
    private readonly http: HttpAdapterHost,
  ) {
    this.formOrigins = [new URL(config.oidcIssuerUrl).origin];
  }

  /** Where people reach the dashboard: configured, or this app's own loopback address. */
  publicUrl(): string {
    if (this.config.dashboardPublicUrl) return this.config.dashboardPublicUrl.replace(/\/$/, '');
    const address = (this.http.httpAdapter.getHttpServer() as { address(): AddressInfo | string | null }).address();
    const port = typeof address === 'object' && address ? address.port : this.config.port;
    return `http://127.0.0.1:${port}`;
  }

  redirectUri(): string {
    return `${this.publicUrl()}/auth/callback`;
  }

  /**
   * Where the page's forms may lead, for its CSP form-action: the browser follows sign-out's
   * redirect to the IdP's end-session endpoint, which may be on another origin than the issuer URL
   * the server discovers from (a front-channel address). Known once discovery ran (see `discover`).
   */
  formActionOrigins(): string[] {
    return this.formOrigins;
  }

  /** Runs discovery if it has not run yet (a page signed in on another instance); a failure is left for sign-in to report. */
  async discover(): Promise<void> {
    // A page must not wait on an IdP that just failed to answer: at most one try every 30 s from here.
    if (!this.client && Date.now() - this.failedAt < 30_000) return;
    await this.ready().catch(() => undefined);
  }

  /** Discovered once, on first use (the IdP may start after this app); a failed discovery is tried again next time. */
  private async ready(): Promise<BaseClient> {
    this.client ??= Issuer.discover(this.config.oidcIssuerUrl).then(
      (issuer) => {
        const endSession = issuer.metadata.end_session_endpoint;
        if (endSession) this.formOrigins = [...new Set([...this.formOrigins, new URL(endSession).origin])];
        return new issuer.Client({
          client_id: this.config.oidcClientId,
          client_secret: this.config.oidcClientSecret,
          redirect_uris: [this.redirectUri()],
          post_logout_redirect_uris: [`${this.publicUrl()}/`],
          response_types: ['code'],
        });
      },
      (error: Error) => {
        this.client = undefined;
        this.failedAt = Date.now();
        this.logger.warn(`OpenID Connect discovery at ${this.config.oidcIssuerUrl} failed: ${error.message}`);
        throw error;
      },
    );
    return this.client;
  }

  async signInUrl(returnTo: string): Promise<{ url: string; state: SignInState }> {
    const client = await this.ready();
    const state: SignInState = { state: generators.state(), nonce: generators.nonce(), codeVerifier: generators.codeVerifier(), returnTo };
    const url = client.authorizationUrl({
      scope: this.config.oidcScopes.split(/\s+/).includes('openid') ? this.config.oidcScopes : `openid ${this.config.oidcScopes}`,
      redirect_uri: this.redirectUri(),
      code_challenge: generators.codeChallenge(state.codeVerifier),
      code_challenge_method: 'S256',
      state: state.state,
      nonce: state.nonce,
    });
    return { url, state };
  }

  /** Exchanges the code (checking state, nonce, the PKCE verifier and the id_token's signature, issuer and audience). */
  async complete(callbackUrl: string, state: SignInState): Promise<TokenSet> {
    const client = await this.ready();
    const params = client.callbackParams(callbackUrl);
    return client.callback(this.redirectUri(), params, { state: state.state, nonce: state.nonce, code_verifier: state.codeVerifier });
  }

  async refresh(refreshToken: string): Promise<TokenSet> {
    return (await this.ready()).refresh(refreshToken);
  }

  /** The IdP's end-session URL (RP-initiated logout), or undefined when it has none. */
  async signOutUrl(idToken: string | undefined): Promise<string | undefined> {
    const client = await this.ready();
    if (!client.issuer.metadata.end_session_endpoint) return undefined;
    return client.endSessionUrl({ id_token_hint: idToken, post_logout_redirect_uri: `${this.publicUrl()}/` });
  }
}
