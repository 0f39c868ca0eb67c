import { createServer, Server } from 'node:http';
import { AddressInfo } from 'node:net';
import { BaseClient, generators, Issuer } from 'openid-client';
import { Browser } from 'playwright-core';
import { axeViolations, launchChromium, newPerson } from '../../../../test/support/browser';
import { createTestDatabase, TestDatabase } from '../../../../test/support/test-database';
import { startTestIdp, TestIdp } from '../../../../test/support/idp';
import { DASHBOARD_CLIENT_ID, DEFAULT_DASHBOARD_CLIENT_SECRET } from '../clients/demo-clients';

/**
 * The sign-in page in a real browser (Debian's Chromium): accessible by axe-core, its
 * Content-Security-Policy refusing nothing it needs, and the form's answer (a 303 to the client's
 * callback on another origin) allowed by its form-action.
 */
describe('idp-mock sign-in page in Chromium', () => {
  let db: TestDatabase;
  let idp: TestIdp;
  let browser: Browser;
  let callback: Server;
  let redirectUri: string;
  let dashboard: BaseClient;
  const received: URL[] = [];

  beforeAll(async () => {
    db = await createTestDatabase('idp_page');
    idp = await startTestIdp(db.url);
    // The client's callback, on a loopback port picked now (the any-port rule lets it in).
    callback = createServer((request, response) => {
      received.push(new URL(request.url ?? '/', redirectUri));
      response.writeHead(200, { 'content-type': 'text/html; charset=utf-8' }).end('<!DOCTYPE html><html lang="en"><title>callback</title><main>ok</main></html>');
    });
    await new Promise<void>((resolve) => callback.listen(0, '127.0.0.1', resolve));
    redirectUri = `http://127.0.0.1:${(callback.address() as AddressInfo).port}/auth/callback`;
    const issuer = await Issuer.discover(idp.url);
    dashboard = new issuer.Client({ client_id: DASHBOARD_CLIENT_ID, client_secret: DEFAULT_DASHBOARD_CLIENT_SECRET, redirect_uris: [redirectUri] });
    browser = await launchChromium();
  });

  afterAll(async () => {
    await browser?.close();
    await new Promise((resolve) => callback?.close(resolve));
    await idp?.close();
    await db?.drop();
  });

  it('is accessible, keeps to its policy, says so on a wrong password, and sends the browser back with the code', async () => {
    const state = generators.state();
    const { page, console, context } = await newPerson(browser);
    try {
      await page.goto(
        dashboard.authorizationUrl({ scope: 'openid profile', redirect_uri: redirectUri, code_challenge: generators.codeChallenge(generators.codeVerifier()), code_challenge_method: 'S256', state, nonce: 'n' }),
      );
      expect(await page.title()).toBe('Sign in · Threadline');
      expect(await axeViolations(page)).toEqual([]);

      await page.getByLabel('Username').fill('paula');
      await page.getByLabel('Password').fill('not her password');
      await page.getByRole('button', { name: 'Sign in' }).click();
      await page.getByRole('alert').waitFor();
      expect(await page.getByRole('alert').textContent()).toContain('Wrong username or password');
      expect(await page.getByLabel('Username').inputValue()).toBe('paula');
      expect(await axeViolations(page)).toEqual([]);

      await page.getByLabel('Password').fill('demo');
      await Promise.all([page.waitForURL(`${redirectUri}?**`), page.getByRole('button', { name: 'Sign in' }).click()]);
      // The browser also asks the callback's origin for its favicon.
      const back = received.filter((url) => url.pathname === '/auth/callback').at(-1)!;
      expect(back.searchParams.get('state')).toBe(state);
      expect(back.searchParams.get('code')).toMatch(/^[A-Za-z0-9_-]{43}$/);
      expect(back.searchParams.get('iss')).toBe(idp.issuer);
      // Its style loaded under the policy (by hash), and nothing was refused.
      expect(console.filter((line) => /Content Security Policy/i.test(line))).toEqual([]);
    } finally {
      await context.close();
    }
  });
});
