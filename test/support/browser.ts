import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Browser, BrowserContext, chromium, Page } from 'playwright-core';

/**
 * Debian's Chromium (`apt-get install chromium`) driven by playwright-core, which downloads no
 * browser. The flags: headless, no sandbox (containers and CI run as root), no GPU, and nothing
 * that reaches the network by itself (the machine has no internet). DEVELOPERS.md lists them.
 */
export const CHROMIUM_PATH = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
export const CHROMIUM_ARGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync'];

export function launchChromium(): Promise<Browser> {
  return chromium.launch({ executablePath: CHROMIUM_PATH, args: CHROMIUM_ARGS });
}

/**
 * A fresh browser profile (its own cookies) for one person, with what its pages print to the
 * console: a Content-Security-Policy refusal shows there.
 */
export async function newPerson(browser: Browser): Promise<{ context: BrowserContext; page: Page; console: string[] }> {
  const context = await browser.newContext({ viewport: { width: 1366, height: 900 } });
  const page = await context.newPage();
  const console: string[] = [];
  page.on('console', (message) => {
    if (message.type() === 'error' || message.type() === 'warning') console.push(message.text());
  });
  return { context, page, console };
}

/** Signs in at the IdP's own form, as a person would: "Sign in" on the dashboard, then username and password. */
export async function signIn(page: Page, dashboardUrl: string, username: string, password = 'demo'): Promise<void> {
  await page.goto(`${dashboardUrl}/`);
  await page.getByRole('link', { name: 'Sign in' }).click();
  await page.getByLabel('Username').fill(username);
  await page.getByLabel('Password').fill(password);
  await Promise.all([page.waitForURL(`${dashboardUrl}/**`), page.getByRole('button', { name: 'Sign in' }).click()]);
}

export interface AxeViolation {
  id: string;
  impact: string | null;
  help: string;
  nodes: { target: string[] }[];
}

let axeSource: string | undefined;

/**
 * axe-core run in the page (WCAG 2.x A and AA rules and best practices): the violations an
 * assistive-technology user would meet. The dashboard's CSP refuses inline scripts, which is what
 * `page.addScriptTag` adds; axe's source is evaluated through the DevTools protocol instead, which
 * the page's CSP does not govern, so the page is checked with its real policy in force.
 */
export async function axeViolations(page: Page): Promise<AxeViolation[]> {
  axeSource ??= readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');
  await page.evaluate(axeSource);
  return page.evaluate(async () => {
    const axe = (globalThis as unknown as { axe: { run(context: unknown, options: unknown): Promise<{ violations: AxeViolation[] }> } }).axe;
    const result = await axe.run((globalThis as any).document, { runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'best-practice'] } });
    return result.violations.map((v) => ({ id: v.id, impact: v.impact, help: v.help, nodes: v.nodes.map((n) => ({ target: n.target })) }));
  });
}

/** The serious and critical ones, which a test refuses. */
export function seriousOrCritical(violations: AxeViolation[]): AxeViolation[] {
  return violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
}

/** A folder for a run's screenshots, printed (and named in `recordIn`, when given) so a person can open them. */
export function screenshotFolder(label: string, recordIn?: string): string {
  const folder = join(process.env.TMPDIR ?? tmpdir(), `${label}-${new Date().toISOString().replace(/[:.]/g, '-')}`);
  mkdirSync(folder, { recursive: true });
  console.log(`screenshots: ${folder}`);
  if (recordIn) {
    try {
      writeFileSync(recordIn, `${folder}\n`);
    } catch {
      /* the record is a convenience; the printed line is the reference */
    }
  }
  return folder;
}
