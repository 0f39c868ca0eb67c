import type { EngineeringChangeDto, EngineeringReleaseDto, ExceptionCaseDto } from '@threadline/canonical';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { axeViolations, launchChromium, newPerson, screenshotFolder, seriousOrCritical, signIn } from '../support/browser';
import { eventually } from '../support/eventually';
import { call, expectOk } from '../support/http';
import { startTestPlatform, TestPlatform } from '../support/platform';
import { anEngineeringChange } from '../support/release-fixtures';

/**
 * Issue 11: the web dashboard in a real browser (Debian's Chromium through playwright-core). People
 * sign in at the IdP's form as an executive, a planner and an operator; a change released through
 * the API is seen reaching 3 of 3 plants on the open page without a reload; the planner resolves an
 * exception; the operator replays a dead letter; the executive gets no action and a direct POST is
 * refused. Every view passes axe-core without serious or critical violations, and is saved as a
 * screenshot in the folder the test prints.
 */
describe('the web dashboard in Chromium (nine apps, real IdP sign-in, real browser)', () => {
  let t: TestPlatform;
  let browser: Browser;
  let shots: string;
  let integrator: string;
  let dashboard: string;

  beforeAll(async () => {
    // The process API reports integration health every second (60 s by default), so the operator's view fills quickly.
    t = await startTestPlatform('dashboard', { INTEGRATION_HEALTH_REPORT_SECONDS: '1' });
    dashboard = t.url('experience-api');
    integrator = await t.token('demo-integrator');
    browser = await launchChromium();
    shots = screenshotFolder('threadline-dashboard', process.env.DASHBOARD_SCREENSHOTS_RECORD);
  }, 120_000);

  afterAll(async () => {
    await browser?.close();
    await t?.close();
  });

  /** The view passes axe-core (no serious or critical violation) and is saved as `<name>.png`. */
  async function checkAndSave(page: Page, name: string): Promise<void> {
    const violations = await axeViolations(page);
    expect({ view: name, violations: seriousOrCritical(violations) }).toEqual({ view: name, violations: [] });
    // The rest (moderate, minor) are printed, not refused.
    console.log(`axe ${name}: ${violations.length === 0 ? 'no violations' : violations.map((v) => `${v.id} (${v.impact}, ${v.nodes.length})`).join(', ')}`);
    await page.screenshot({ path: join(shots, `${name}.png`), fullPage: true });
  }

  async function createAndRelease(body: object): Promise<string> {
    const created = await expectOk('create the change', call<EngineeringChangeDto>('POST', `${t.url('plm-system-api')}/v1/engineering-changes`, { token: integrator, body }));
    await expectOk('release the change', call('POST', `${t.url('plm-system-api')}/v1/engineering-changes/${created.number}/release`, { token: integrator }));
    return created.number;
  }

  const releaseOf = async (changeNumber: string): Promise<EngineeringReleaseDto | undefined> =>
    (await call<{ items: EngineeringReleaseDto[] }>('GET', `${t.url('process-api')}/v1/engineering-releases?changeNumber=${changeNumber}`, { token: integrator })).body.items?.[0];

  const exceptionCase = async (id: string): Promise<ExceptionCaseDto> =>
    expectOk('the exception case', call<ExceptionCaseDto>('GET', `${t.url('process-api')}/v1/exceptions/${id}`, { token: integrator }));

  /** A quality hold at P2, reported through the scheduling system API, and the exception case it opens. */
  async function qualityHold(detail: string): Promise<ExceptionCaseDto> {
    const service = await t.token('threadline-process');
    const jobs = await expectOk(
      'released jobs at P2',
      call<{ items: Array<{ id: string }> }>('GET', `${t.url('scheduling-system-api')}/v1/plants/P2/jobs?status=released&limit=20`, { token: integrator }),
    );
    const open = await expectOk('open cases', call<{ items: ExceptionCaseDto[] }>('GET', `${t.url('process-api')}/v1/exceptions?plant=P2&limit=200`, { token: integrator }));
    const jobId = jobs.items.map((j) => j.id).find((id) => !open.items.some((c) => c.jobId === id && c.kind === 'quality-hold'))!;
    await expectOk('the quality hold', call('POST', `${t.url('scheduling-system-api')}/v1/plants/P2/quality-holds`, { token: service, body: { jobId, detail } }));
    return eventually(async () => {
      const cases = await call<{ items: ExceptionCaseDto[] }>('GET', `${t.url('process-api')}/v1/exceptions?plant=P2&state=OPEN&limit=200`, { token: integrator });
      return cases.body.items?.find((c) => c.detail === detail);
    }, `the case of "${detail}"`);
  }

  it('the executive signs in, watches a release reach 3 of 3 plants without a reload, and opens its page', async () => {
    const { context, page, console: messages } = await newPerson(browser);
    try {
      await signIn(page, dashboard, 'erin');
      await page.getByRole('heading', { level: 1, name: 'Overview' }).waitFor();
      expect(await page.getByText('Signed in as').textContent()).toContain('Erin');
      // The browser holds no token: only the HttpOnly session cookie, nothing in script-readable storage.
      const cookies = await context.cookies(dashboard);
      expect(cookies.map((c) => ({ name: c.name, httpOnly: c.httpOnly, sameSite: c.sameSite }))).toEqual([{ name: 'threadline_session', httpOnly: true, sameSite: 'Lax' }]);
      const storage = await page.evaluate(() => {
        const w = globalThis as any;
        const all = (s: any) => Object.keys(s).map((k) => `${k}=${s.getItem(k)}`);
        return { cookie: w.document.cookie, stored: [...all(w.localStorage), ...all(w.sessionStorage)].join('\n') };
      });
      expect(storage.cookie).toBe('');
      expect(storage.stored).not.toMatch(/eyJ[\w-]+\.eyJ[\w-]+\./);
      // A mark on this page's window: a reload or a navigation would lose it.
      await page.evaluate(() => ((globalThis as any).stillThisPage = true));

      const changeNumber = await createAndRelease(anEngineeringChange({ title: 'Replace obsolete shaft seal (dashboard)', targetPlants: ['P1', 'P2', 'P3'] }));
      const row = page.locator(`tr[data-change="${changeNumber}"]`);
      // Seen live (htmx polling): the row appears, then its adoption reaches 3 of 3.
      await row.locator('.adoption-words', { hasText: 'rolled out to 3 of 3 plants' }).waitFor({ timeout: 90_000 });
      expect(await page.evaluate(() => (globalThis as any).stillThisPage)).toBe(true);
      expect((await releaseOf(changeNumber))?.state).toBe('COMPLETED');
      expect(await row.locator('progress').getAttribute('value')).toBe('3');
      await row.locator('.plants', { hasText: 'P3: in production' }).waitFor();
      // Lead time per plant, from the process API's transition events, also arrives without a reload.
      const leadTime = page.getByRole('table', { name: 'From PLM release to production-effective, per plant' });
      for (const plant of ['P1', 'P2', 'P3']) await leadTime.getByRole('row', { name: new RegExp(`^${plant} `) }).waitFor({ timeout: 60_000 });
      expect(await leadTime.getByRole('row', { name: /^P3 / }).textContent()).toMatch(/\d+ (s|min|h|d)/);
      await page.getByRole('heading', { name: 'Open exceptions' }).waitFor();
      await checkAndSave(page, '1-overview-executive');

      await page.getByRole('link', { name: changeNumber }).click();
      await page.getByRole('heading', { level: 1, name: new RegExp(`^${changeNumber}`) }).waitFor();
      await page.locator('#change-plants .adoption-words', { hasText: 'rolled out to 3 of 3 plants' }).waitFor();
      for (const plant of ['P1', 'P2', 'P3']) await page.getByRole('row', { name: new RegExp(`^${plant} in production at ${plant}`) }).waitFor();
      await page.getByRole('heading', { name: 'Impacted orders' }).waitFor();
      const history = await page.locator('ol.history').textContent();
      expect(history).toContain('rolling out → completed');
      await checkAndSave(page, '2-change-executive');

      // No operator action anywhere for an executive: no link to integration health, no resolve button in the queue.
      expect(await page.getByRole('link', { name: 'Integration health' }).count()).toBe(0);
      await page.getByRole('link', { name: 'Exception queue', exact: true }).click();
      await page.getByRole('heading', { level: 1, name: 'Exception queue' }).waitFor();
      expect(await page.getByRole('button', { name: /Resolve|Replay/ }).count()).toBe(0);
      await checkAndSave(page, '3-exceptions-executive');
      const refusedPage = await page.goto(`${dashboard}/integration-health`);
      expect(refusedPage?.status()).toBe(403);

      // A direct POST, even with the session's own CSRF token, is refused by role and changes nothing.
      const hold = await qualityHold('Leak test failed on 2 of 20 units (executive must not resolve)');
      await page.goto(`${dashboard}/exceptions`);
      const csrf = JSON.parse((await page.locator('body').getAttribute('hx-headers'))!)['x-csrf-token'] as string;
      const post = await page.request.post(`${dashboard}/exceptions/${hold.id}/resolve`, { form: { _csrf: csrf, resolution: 'not mine to resolve' }, maxRedirects: 0 });
      expect(post.status()).toBe(403);
      expect((await exceptionCase(hold.id)).state).toBe('OPEN');
      const replay = await page.request.post(`${dashboard}/dead-letters/00000000-0000-4000-8000-000000000000/replay`, { form: { _csrf: csrf, reason: 'no' }, maxRedirects: 0 });
      expect(replay.status()).toBe(403);
      // Every page ran under its strict CSP without a refusal (htmx included).
      expect(messages.filter((m) => /Content Security Policy/i.test(m))).toEqual([]);
    } finally {
      await context.close();
    }
  });

  it('the planner resolves an exception case from the queue; a POST without the CSRF token is refused', async () => {
    const detail = 'Leak test failed on 3 of 25 units; lot blocked (dashboard)';
    const hold = await qualityHold(detail);
    const other = await qualityHold('Porosity in housing castings (dashboard)');
    const { context, page, console: messages } = await newPerson(browser);
    try {
      await signIn(page, dashboard, 'paula');
      await page.getByRole('link', { name: 'Exception queue', exact: true }).click();
      // Narrowed to P2's quality holds with the queue's own filter form.
      await page.getByLabel('Plant').selectOption('P2');
      await page.getByLabel('Kind').selectOption('quality-hold');
      await Promise.all([page.waitForURL(/\/exceptions\?plant=P2&kind=quality-hold/), page.getByRole('button', { name: 'Show' }).click()]);
      expect(await page.locator('tr[data-case] td:nth-child(2)').allTextContents()).toEqual(expect.arrayContaining(['P2']));
      expect(new Set(await page.locator('tr[data-case] td:nth-child(2)').allTextContents())).toEqual(new Set(['P2']));
      // The queue is the experience API's read model, fed by events: the case shows once its event arrived.
      const row = page.locator(`tr[data-case="${hold.id}"]`);
      await eventually(async () => ((await row.count()) > 0 ? true : (await page.reload(), undefined)), 'the case in the queue');
      expect(await row.textContent()).toContain('quality hold');
      await checkAndSave(page, '4-exceptions-planner');

      // Forged: no token, then another session's idea of one. Both refused; the case stays open.
      const forged = await page.request.post(`${dashboard}/exceptions/${other.id}/resolve`, { form: { resolution: 'forged' }, maxRedirects: 0 });
      expect(forged.status()).toBe(403);
      const wrong = await page.request.post(`${dashboard}/exceptions/${other.id}/resolve`, { form: { _csrf: 'x'.repeat(43), resolution: 'forged' }, maxRedirects: 0 });
      expect(wrong.status()).toBe(403);
      expect((await exceptionCase(other.id)).state).toBe('OPEN');

      await row.getByLabel('Resolution').fill('Lot reworked and re-tested; hold released');
      await Promise.all([page.waitForURL(/\/exceptions\?plant=P2&kind=quality-hold&(owner=&)?done=resolved$/), row.getByRole('button', { name: 'Resolve' }).click()]);
      await page.getByRole('status').filter({ hasText: 'The case is resolved' }).waitFor();
      const resolved = await exceptionCase(hold.id);
      expect(resolved).toMatchObject({ state: 'RESOLVED', resolution: 'Lot reworked and re-tested; hold released' });
      expect(resolved.resolvedBy).toContain('paula');
      await checkAndSave(page, '5-exceptions-planner-resolved');
      expect(await page.getByRole('link', { name: 'Integration health' }).count()).toBe(0);
      // Every page ran under its strict CSP without a refusal (htmx included).
      expect(messages.filter((m) => /Content Security Policy/i.test(m))).toEqual([]);
    } finally {
      await context.close();
    }
  });

  it('the operator sees integration health with a dead letter and replays it', async () => {
    // P1's ERP refuses a change for good: a coupling whose valuation is gone there (as the operations test does).
    const { rows } = await t.db.withClient((db) =>
      db.query(`DELETE FROM erp_mock.product_valuations WHERE product = 'COUPLING-19' AND valuation_area = 'P1' RETURNING standard_price, price_unit_qty, currency`),
    );
    expect(rows).toHaveLength(1);
    const changeNumber = await createAndRelease(
      anEngineeringChange({
        title: 'Add COUPLING-19 to PUMP-2040 (no valuation in P1)',
        targetPlants: ['P1'],
        affectedItems: [{ itemNumber: 'PUMP-2040', fromRevision: 'A', toRevision: 'B', disposition: 'use-as-is', bomChanges: [{ action: 'add', componentNumber: 'COUPLING-19', quantity: 1, unit: 'EA' }] }],
      }),
    );
    const stalled = await eventually(async () => (await releaseOf(changeNumber))?.rollouts.find((r) => r.plant === 'P1')?.stalled, `${changeNumber} stalled at P1`);
    // And P3's scheduler down: that rollout waits, retrying (an outage is never a dead letter in tier 1).
    const operatorToken = await t.token('operator');
    await expectOk(
      'an outage at P3',
      call('PUT', `${t.url('scheduler-mock')}/admin/faults/P3`, {
        token: operatorToken,
        body: { outages: [{ from: new Date(Date.now() - 60_000).toISOString(), to: new Date(Date.now() + 3600_000).toISOString() }] },
      }),
    );
    const waiting = await createAndRelease(
      anEngineeringChange({
        title: 'Valve seal while P3 is down',
        targetPlants: ['P3'],
        // PUMP-100's revision B is the first test's: this change is VALVE-300's.
        affectedItems: [{ itemNumber: 'VALVE-300', fromRevision: 'A', toRevision: 'B', disposition: 'use-up', bomChanges: [{ action: 'replace', componentNumber: 'SEAL-200', replacementNumber: 'SEAL-210' }] }],
      }),
    );
    const retryingStep = await eventually(async () => {
      const page = await call<{ items: Array<{ id: string }> }>('GET', `${t.url('process-api')}/v1/retrying?changeNumber=${waiting}`, { token: operatorToken });
      return page.body.items?.[0];
    }, `${waiting} retrying at P3`);

    const { context, page, console: messages } = await newPerson(browser);
    try {
      await signIn(page, dashboard, 'oscar');
      await page.getByRole('link', { name: 'Integration health' }).click();
      await page.getByRole('heading', { level: 1, name: 'Integration health' }).waitFor();
      await page.getByRole('heading', { name: 'Retrying' }).waitFor();
      const row = page.locator(`tr[data-dead-letter="${stalled.deadLetterId}"]`);
      // P3's scheduling backend, as the process API's health reports (events) describe it.
      const p3Backend = page.getByRole('table', { name: 'Backends per plant, over the last hour' }).getByRole('row', { name: /^scheduling-system-api at P3/ });
      // The page shows the dead letters and the health reports as they are when it is drawn; drawn again until both are there.
      let shown = '';
      await eventually(async () => {
        if ((await row.count()) > 0 && (await p3Backend.count()) > 0) return true;
        shown = await page.locator('main').innerText();
        await page.reload();
        return undefined;
      }, `dead letter ${stalled.deadLetterId} and P3's scheduling backend on the page`, 30_000).catch((error: Error) => {
        throw new Error(`${error.message}; the page showed:\n${shown}`);
      });
      expect(await row.textContent()).toContain(changeNumber);
      const retryingRow = page.locator(`tr[data-retrying="${retryingStep.id}"]`);
      expect(await retryingRow.textContent()).toContain(`plant rollout at P3 for ${waiting}`);
      expect(await retryingRow.textContent()).toContain('backend unavailable');
      expect(await p3Backend.textContent()).toMatch(/down|degraded/);
      await checkAndSave(page, '6-integration-health-operator');
      await expectOk('P3 back', call('DELETE', `${t.url('scheduler-mock')}/admin/faults/P3`, { token: operatorToken }));

      // The cause fixed in ERP, the operator replays from the dashboard; the rollout completes.
      await t.db.withClient((db) =>
        db.query(`INSERT INTO erp_mock.product_valuations (product, valuation_area, standard_price, price_unit_qty, currency) VALUES ('COUPLING-19', 'P1', $1, $2, $3)`, [
          rows[0].standard_price,
          rows[0].price_unit_qty,
          rows[0].currency,
        ]),
      );
      await row.getByLabel('Reason').fill('COUPLING-19 valuation maintained in P1');
      await Promise.all([page.waitForURL(`${dashboard}/integration-health?done=replayed`), row.getByRole('button', { name: 'Replay' }).click()]);
      await page.getByRole('status').filter({ hasText: 'sent back to its queue' }).waitFor();
      await eventually(async () => ((await releaseOf(changeNumber))?.state === 'COMPLETED' ? true : undefined), `${changeNumber} completed after the replay`);
      // The operator's change page: the stall and its replay are in the history.
      await page.goto(`${dashboard}/changes/${changeNumber}`);
      await page.locator('#change-plants .adoption-words', { hasText: 'rolled out to 1 of 1 plant' }).waitFor();
      await checkAndSave(page, '7-change-operator');

      // Signing out ends the session here (the cookie no longer opens a page) and at the IdP.
      await page.getByRole('button', { name: 'Sign out' }).click();
      await page.waitForURL(`${dashboard}/`);
      await page.getByRole('link', { name: 'Sign in' }).waitFor();
      expect((await page.request.get(`${dashboard}/exceptions`, { maxRedirects: 0 })).status()).toBe(302);
      // Every page ran under its strict CSP without a refusal (htmx included).
      expect(messages.filter((m) => /Content Security Policy/i.test(m))).toEqual([]);
    } finally {
      await context.close();
    }
  });
});
