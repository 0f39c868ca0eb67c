import { Injectable, Logger } from '@nestjs/common';
import type { TokenSet } from 'openid-client';
import { ExperienceApiConfig } from '../experience-api.config';
import { OidcClient } from './oidc.client';
import { dashboardRoles, DashboardRole, permissionsOf, Permissions } from './roles';
import { hashToken, randomToken, Sealer } from './sealed';
import { WebSessionRepository } from './web-session.repository';

/** A session lasts at most this long, whatever its tokens allow: people sign in again each working day. */
const MAX_SESSION_MS = 10 * 3600_000;

interface SessionTokens {
  accessToken: string;
  idToken?: string;
  refreshToken?: string;
  /** Seconds since the epoch. */
  accessExpiresAt: number;
}

/** A signed-in person, as the dashboard's pages and actions see them. */
export interface WebSession {
  idHash: string;
  subject: string;
  name: string;
  roles: DashboardRole[];
  permissions: Permissions;
  csrfToken: string;
  /** The person's access token, for calls to the APIs on their behalf (refreshed when it ran out). */
  accessToken: string;
  idToken?: string;
}

/**
 * Sessions of the backend-for-frontend: the browser gets an opaque random id (HttpOnly cookie),
 * the tokens stay here, sealed in the session's row.
 */
@Injectable()
export class WebSessionService {
  private readonly logger = new Logger(WebSessionService.name);
  private readonly tokens: Sealer;

  constructor(
    config: ExperienceApiConfig,
    private readonly sessions: WebSessionRepository,
    private readonly oidc: OidcClient,
  ) {
    this.tokens = new Sealer(config.dashboardCookieSecret, 'session-tokens');
  }

  /** Stores a new session for the tokens of a completed sign-in; answers the cookie's value. */
  async create(tokenSet: TokenSet): Promise<string> {
    const claims = tokenSet.claims();
    const id = randomToken();
    const tokens = tokensOf(tokenSet);
    await this.sessions.deleteExpired();
    await this.sessions.insert({
      id_hash: hashToken(id),
      subject: claims.sub,
      name: String(claims.name ?? claims.preferred_username ?? claims.sub),
      roles: dashboardRoles(claims.roles),
      sealed_tokens: this.tokens.seal(tokens),
      csrf_token: randomToken(),
      expires_at: new Date(Date.now() + MAX_SESSION_MS),
    });
    return id;
  }

  /** The live session a cookie names, its access token refreshed if it ran out; undefined otherwise. */
  async find(cookieValue: string | undefined): Promise<WebSession | undefined> {
    if (!cookieValue) return undefined;
    const row = await this.sessions.find(hashToken(cookieValue));
    if (!row) return undefined;
    let tokens = this.tokens.open<SessionTokens>(row.sealed_tokens);
    if (!tokens) return undefined;
    // A minute's margin: the token must still be good when the API it is sent to checks it.
    if (tokens.accessExpiresAt * 1000 < Date.now() + 60_000) {
      tokens = await this.refresh(row.id_hash, tokens, row.expires_at);
      if (!tokens) return undefined;
    }
    const roles = dashboardRoles(row.roles);
    return {
      idHash: row.id_hash,
      subject: row.subject,
      name: row.name,
      roles,
      permissions: permissionsOf(roles),
      csrfToken: row.csrf_token,
      accessToken: tokens.accessToken,
      idToken: tokens.idToken,
    };
  }

  async end(session: WebSession): Promise<void> {
    await this.sessions.delete(session.idHash);
  }

  /**
   * One refresh per session at a time: IdPs rotate refresh tokens (each works once), and a page and
   * its live parts ask at the same moment. A refresh that fails because another instance already
   * used the token finds that instance's fresh tokens in the row.
   */
  private readonly refreshing = new Map<string, Promise<SessionTokens | undefined>>();

  private refresh(idHash: string, tokens: SessionTokens, expiresAt: Date): Promise<SessionTokens | undefined> {
    let running = this.refreshing.get(idHash);
    if (!running) {
      running = this.refreshOnce(idHash, tokens, expiresAt).finally(() => this.refreshing.delete(idHash));
      this.refreshing.set(idHash, running);
    }
    return running;
  }

  private async refreshOnce(idHash: string, tokens: SessionTokens, expiresAt: Date): Promise<SessionTokens | undefined> {
    if (!tokens.refreshToken) {
      await this.sessions.delete(idHash);
      return undefined;
    }
    try {
      const refreshed = { ...tokensOf(await this.oidc.refresh(tokens.refreshToken)) };
      refreshed.idToken ??= tokens.idToken;
      refreshed.refreshToken ??= tokens.refreshToken;
      await this.sessions.updateTokens(idHash, this.tokens.seal(refreshed), expiresAt);
      return refreshed;
    } catch (error) {
      const row = await this.sessions.find(idHash);
      const current = row && this.tokens.open<SessionTokens>(row.sealed_tokens);
      if (current && current.accessExpiresAt * 1000 >= Date.now() + 60_000) return current;
      this.logger.warn(`a session's token could not be refreshed, the person signs in again: ${(error as Error).message}`);
      await this.sessions.delete(idHash);
      return undefined;
    }
  }
}

function tokensOf(tokenSet: TokenSet): SessionTokens {
  if (!tokenSet.access_token) throw new Error('the IdP answered no access token');
  return {
    accessToken: tokenSet.access_token,
    idToken: tokenSet.id_token,
    refreshToken: tokenSet.refresh_token,
    accessExpiresAt: tokenSet.expires_at ?? Math.floor(Date.now() / 1000) + 300,
  };
}
