import type { ExceptionQueuePageDto } from '../exception-queue/exception-queue.dto';
import type { ImpactedOrdersPageDto } from '../impacted-orders/impacted-orders.dto';
import type { IntegrationHealthDto } from '../integration-health/integration-health.dto';
import { Controller, Get, Param, Post, Query, Req, Res } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { EngineeringReleaseDto, ExceptionCaseDto, RevisionAdoptionV2PageDto } from '@threadline/canonical';
import type { DeadLetterPageDto, RetryingPageDto } from '@threadline/canonical';
import { Public } from '@threadline/platform';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { ApiResult, DashboardApi } from './dashboard-api.service';
import { OidcClient } from './oidc.client';
import type { Permissions } from './roles';
import { changeExceptionsSection, changePlants, historySection, impactedOrdersSection } from './views/change.view';
import { exceptionQueue, flash, queueFilter, queueFilterForm } from './views/exceptions.view';
import { html, SafeHtml } from './views/html';
import { backendHealthSection, deadLettersSection, retryingSection } from './views/integration-health.view';
import { page, publicPage } from './views/layout';
import { adoptionTable, leadTimeSection, OpenExceptionsSummary, openExceptionsSection } from './views/overview.view';
import { leadTimePlants } from './views/lead-time';
import { contentSecurityPolicy, cookiesOf, safeReturnPath, sameToken, sendHtml, SESSION_COOKIE } from './web-http';
import { WebSession, WebSessionService } from './web-session.service';

/** The path of a URL a header names, or `/`. */
function pathOf(url: unknown): string {
  try {
    return new URL(String(url)).pathname;
  } catch {
    return '/';
  }
}

const CHANGE_NUMBER = /^[A-Z0-9-]{1,40}$/;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * The web dashboard's pages, live fragments and actions. Public for the gateway (a browser has no
 * bearer token); each handler finds the person's session from the cookie, checks their role, and
 * calls the APIs with their access token. Actions are POSTs with the session's CSRF token.
 */
@ApiExcludeController()
@Public()
@Controller()
export class DashboardController {
  constructor(
    private readonly sessions: WebSessionService,
    private readonly api: DashboardApi,
    private readonly oidc: OidcClient,
  ) {}

  private csp(): string {
    return contentSecurityPolicy(this.oidc.formActionOrigins());
  }

  /**
   * The session, or an answer already sent: a page sends the person to sign in; a live fragment
   * tells htmx to do so (HX-Redirect); a missing role is a 403 page.
   */
  private async require(
    request: FastifyRequest,
    reply: FastifyReply,
    permission: keyof Permissions,
    found?: WebSession,
  ): Promise<WebSession | undefined> {
    const session = found ?? (await this.sessions.find(cookiesOf(request)[SESSION_COOKIE]));
    // The page's CSP names the IdP's end-session origin, known once discovery ran.
    await this.oidc.discover();
    if (!session) {
      // A live part returns to the page it sits in (htmx names it), a page to itself.
      const login = `/auth/login?returnTo=${encodeURIComponent(safeReturnPath(request.headers['hx-request'] ? pathOf(request.headers['hx-current-url']) : request.url))}`;
      if (request.method !== 'GET') sendHtml(reply, 401, publicPage('Signed out', html`<p>Your session has ended. <a href="/auth/login">Sign in again</a>.</p>`), this.csp());
      else if (request.headers['hx-request']) void reply.status(401).header('hx-redirect', login).send('');
      else void reply.redirect(login, 302);
      return undefined;
    }
    if (!session.permissions[permission]) {
      sendHtml(reply, 403, page({ session, path: request.url }, 'Not for your role', html`<p>Your role (${session.roles.join(', ') || 'none'}) does not include this.</p><p><a href="/">Back to the overview</a></p>`), this.csp());
      return undefined;
    }
    return session;
  }

  private show(reply: FastifyReply, session: WebSession, path: string, title: string, main: SafeHtml, status = 200): void {
    sendHtml(reply, status, page({ session, path }, title, main), this.csp());
  }

  private fragment(reply: FastifyReply, body: SafeHtml): void {
    sendHtml(reply, 200, body, this.csp());
  }

  /**
   * An action's request must come from the dashboard's own pages: its session's CSRF token (form
   * field or htmx header) and, when the browser names it, this site's origin.
   */
  private fromOwnPage(request: FastifyRequest, session: WebSession): boolean {
    const body = (request.body ?? {}) as Record<string, unknown>;
    const token = typeof body._csrf === 'string' ? body._csrf : (request.headers['x-csrf-token'] as string | undefined);
    const origin = request.headers.origin;
    return sameToken(token, session.csrfToken) && (origin === undefined || origin === new URL(this.oidc.publicUrl()).origin);
  }

  /** Back to the page the action came from (its filters kept, from the same-origin Referer), with the outcome. */
  private backTo(request: FastifyRequest, path: string, done: string): string {
    let back = new URL(path, this.oidc.publicUrl());
    try {
      const referer = new URL(String(request.headers.referer));
      if (referer.origin === back.origin && referer.pathname === path) back = referer;
    } catch {
      /* no or a malformed Referer: the page itself */
    }
    back.searchParams.set('done', done);
    return `${back.pathname}${back.search}`;
  }

  private refuseForeign(reply: FastifyReply, session: WebSession, request: FastifyRequest): void {
    this.show(reply, session, request.url, 'Refused', html`<p>This request did not come from the dashboard's own page, so nothing was done.</p>`, 403);
  }

  // --- the overview ---------------------------------------------------------------------------

  @Get()
  async overview(@Req() request: FastifyRequest, @Res() reply: FastifyReply, @Query('done') done?: string): Promise<void> {
    // Someone not signed in gets the landing page rather than a redirect to the IdP.
    const found = await this.sessions.find(cookiesOf(request)[SESSION_COOKIE]);
    if (!found) {
      sendHtml(
        reply,
        200,
        publicPage(
          'Threadline dashboard',
          html`<p>Revision adoption across the plants, lead time from PLM release to production, impacted orders, the exception queue and integration health.</p>
<p><a class="button" href="/auth/login">Sign in</a></p>`,
        ),
        this.csp(),
      );
      return;
    }
    const session = await this.require(request, reply, 'view', found);
    if (!session) return;
    const [adoption, leadTime, exceptions] = await Promise.all([
      this.adoption(session),
      this.leadTime(session),
      this.api.experience<OpenExceptionsSummary>(session.accessToken, '/v1/dashboards/exception-queue/summary'),
    ]);
    this.show(
      reply,
      session,
      '/',
      'Overview',
      html`${flash(done)}
<div class="grid">
<section aria-labelledby="adoption-heading" class="wide"><h2 id="adoption-heading">Revision adoption</h2>${adoptionTable(adoption)}</section>
<section aria-labelledby="lead-time-heading" class="wide"><h2 id="lead-time-heading">Lead time</h2>${leadTime}</section>
<section aria-labelledby="exceptions-heading"><h2 id="exceptions-heading">Open exceptions</h2>${openExceptionsSection(exceptions)}</section>
</div>`,
    );
  }

  private adoption(session: WebSession, changeNumber?: string): Promise<ApiResult<RevisionAdoptionV2PageDto>> {
    return this.api.experience<RevisionAdoptionV2PageDto>(session.accessToken, '/v2/dashboards/revision-adoption', { changeNumber, limit: changeNumber ? 1 : 20 });
  }

  private async leadTime(session: WebSession): Promise<SafeHtml> {
    const result = await this.api.experience<Parameters<typeof leadTimePlants>[0]>(session.accessToken, '/v1/dashboards/lead-time', { limit: 20 });
    return result.ok ? leadTimeSection(leadTimePlants(result.body)) : leadTimeSection(undefined, result);
  }

  @Get('live/lead-time')
  async liveLeadTime(@Req() request: FastifyRequest, @Res() reply: FastifyReply): Promise<void> {
    const session = await this.require(request, reply, 'view');
    if (session) this.fragment(reply, await this.leadTime(session));
  }

  @Get('live/adoption')
  async liveAdoption(@Req() request: FastifyRequest, @Res() reply: FastifyReply): Promise<void> {
    const session = await this.require(request, reply, 'view');
    if (session) this.fragment(reply, adoptionTable(await this.adoption(session)));
  }

  @Get('live/open-exceptions')
  async liveOpenExceptions(@Req() request: FastifyRequest, @Res() reply: FastifyReply): Promise<void> {
    const session = await this.require(request, reply, 'view');
    if (session) this.fragment(reply, openExceptionsSection(await this.api.experience<OpenExceptionsSummary>(session.accessToken, '/v1/dashboards/exception-queue/summary')));
  }

  // --- a change ---------------------------------------------------------------------------------

  private async changeAdoption(session: WebSession, changeNumber: string) {
    const [adoption, releases] = await Promise.all([
      this.adoption(session, changeNumber),
      this.api.process<{ items: EngineeringReleaseDto[] }>(session.accessToken, 'GET', '/v1/engineering-releases', { query: { changeNumber, limit: 1 } }),
    ]);
    const first = <T>(r: ApiResult<{ items: T[] }>): ApiResult<T | undefined> => (r.ok ? { ok: true, body: r.body.items[0] } : r);
    return { adoption: first(adoption), release: first(releases) };
  }

  @Get('changes/:changeNumber')
  async change(@Param('changeNumber') changeNumber: string, @Req() request: FastifyRequest, @Res() reply: FastifyReply): Promise<void> {
    const session = await this.require(request, reply, 'view');
    if (!session) return;
    if (!CHANGE_NUMBER.test(changeNumber)) {
      this.show(reply, session, request.url, 'No such change', html`<p>${changeNumber} is not a change number.</p>`, 404);
      return;
    }
    const [plants, impacted, exceptions] = await Promise.all([
      this.changeAdoption(session, changeNumber),
      this.api.experience<ImpactedOrdersPageDto>(session.accessToken, `/v1/dashboards/changes/${changeNumber}/impacted-orders`, { limit: 50 }),
      this.api.process<{ items: ExceptionCaseDto[] }>(session.accessToken, 'GET', '/v1/exceptions', { query: { changeNumber, limit: 50 } }),
    ]);
    const release = plants.release.ok ? plants.release.body : undefined;
    const adoption = plants.adoption.ok ? plants.adoption.body : undefined;
    const title = release?.title ?? adoption?.title;
    this.show(
      reply,
      session,
      request.url,
      `${changeNumber}${title ? `: ${title}` : ''}`,
      html`${release || adoption ? html`<p class="muted">${(release?.items ?? adoption?.items ?? []).map((i) => `${i.itemNumber} ${i.fromRevision} → ${i.toRevision}`).join(', ')}</p>` : ''}
<div class="grid">
<section aria-labelledby="plants-heading" class="wide"><h2 id="plants-heading">Adoption per plant</h2>${changePlants(changeNumber, plants)}</section>
<section aria-labelledby="impacted-heading"><h2 id="impacted-heading">Impacted orders</h2>${impactedOrdersSection(impacted)}</section>
<section aria-labelledby="change-exceptions-heading" class="wide"><h2 id="change-exceptions-heading">Exceptions</h2>${changeExceptionsSection(exceptions)}</section>
<section aria-labelledby="history-heading" class="wide"><h2 id="history-heading">History</h2>${historySection(plants.release)}</section>
</div>`,
    );
  }

  @Get('live/changes/:changeNumber/plants')
  async liveChangePlants(@Param('changeNumber') changeNumber: string, @Req() request: FastifyRequest, @Res() reply: FastifyReply): Promise<void> {
    const session = await this.require(request, reply, 'view');
    if (!session) return;
    if (!CHANGE_NUMBER.test(changeNumber)) {
      void reply.status(404).send('');
      return;
    }
    this.fragment(reply, changePlants(changeNumber, await this.changeAdoption(session, changeNumber)));
  }

  // --- the exception queue ----------------------------------------------------------------------

  @Get('exceptions')
  async exceptions(@Req() request: FastifyRequest, @Res() reply: FastifyReply, @Query('done') done?: string): Promise<void> {
    const session = await this.require(request, reply, 'view');
    if (!session) return;
    const filter = queueFilter(request.query as Record<string, unknown>);
    const queue = await this.api.experience<ExceptionQueuePageDto>(session.accessToken, '/v1/dashboards/exception-queue', { ...filter, limit: 100 });
    this.show(
      reply,
      session,
      '/exceptions',
      'Exception queue',
      html`${flash(done)}${queueFilterForm(filter)}<section aria-label="Open cases">${exceptionQueue(session, queue)}</section>`,
    );
  }

  @Post('exceptions/:id/resolve')
  async resolve(@Param('id') id: string, @Req() request: FastifyRequest, @Res() reply: FastifyReply): Promise<void> {
    const session = await this.require(request, reply, 'resolveExceptions');
    if (!session) return;
    if (!this.fromOwnPage(request, session)) return this.refuseForeign(reply, session, request);
    const resolution = String((request.body as Record<string, unknown> | undefined)?.resolution ?? '').trim();
    if (!UUID.test(id) || resolution.length === 0 || resolution.length > 2000) {
      this.show(reply, session, request.url, 'Not resolved', html`<p>A resolution needs a case and a few words on what was done.</p><p><a href="/exceptions">Back to the queue</a></p>`, 400);
      return;
    }
    const result = await this.api.process<ExceptionCaseDto>(session.accessToken, 'POST', `/v1/exceptions/${id}/resolution`, { body: { resolution } });
    void reply.redirect(this.backTo(request, '/exceptions', result.ok ? 'resolved' : 'resolve-failed'), 303);
  }

  // --- integration health -------------------------------------------------------------------------

  @Get('integration-health')
  async integrationHealth(@Req() request: FastifyRequest, @Res() reply: FastifyReply, @Query('done') done?: string): Promise<void> {
    const session = await this.require(request, reply, 'integrationHealth');
    if (!session) return;
    const [health, retrying, deadLetters] = await Promise.all([
      this.api.experience<IntegrationHealthDto>(session.accessToken, '/v1/dashboards/integration-health', { limit: 100 }),
      this.api.process<RetryingPageDto>(session.accessToken, 'GET', '/v1/retrying', { query: { limit: 50 } }),
      this.api.process<DeadLetterPageDto>(session.accessToken, 'GET', '/v1/dead-letters', { query: { state: 'dead', limit: 50 } }),
    ]);
    this.show(
      reply,
      session,
      '/integration-health',
      'Integration health',
      html`${flash(done)}
<section aria-labelledby="backends-heading"><h2 id="backends-heading">Backends</h2>${backendHealthSection(health)}</section>
<section aria-labelledby="retrying-heading"><h2 id="retrying-heading">Retrying</h2>${retryingSection(retrying)}</section>
<section aria-labelledby="dead-letters-heading"><h2 id="dead-letters-heading">Dead letters</h2>${deadLettersSection(session, deadLetters)}</section>`,
    );
  }

  @Post('dead-letters/:id/replay')
  async replay(@Param('id') id: string, @Req() request: FastifyRequest, @Res() reply: FastifyReply): Promise<void> {
    const session = await this.require(request, reply, 'replayDeadLetters');
    if (!session) return;
    if (!this.fromOwnPage(request, session)) return this.refuseForeign(reply, session, request);
    const reason = String((request.body as Record<string, unknown> | undefined)?.reason ?? '').trim();
    if (!UUID.test(id) || reason.length === 0 || reason.length > 500) {
      this.show(reply, session, request.url, 'Not replayed', html`<p>A replay needs a dead letter and a reason.</p><p><a href="/integration-health">Back</a></p>`, 400);
      return;
    }
    const result = await this.api.process(session.accessToken, 'POST', `/v1/dead-letters/${id}/replay`, { body: { reason } });
    void reply.redirect(this.backTo(request, '/integration-health', result.ok ? 'replayed' : 'replay-failed'), 303);
  }
}
