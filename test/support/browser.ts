import { mkdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';

// eslint-disable-next-line @typescript-eslint/no-require-imports
const { resolveBrowser } = require('../../scripts/browser.js') as { resolveBrowser: () => string | undefined };
// eslint-disable-next-line @typescript-eslint/no-require-imports
const { buildWeb } = require('../../scripts/build-web.js') as { buildWeb: (o?: { log?: (m: string) => void }) => string };

/** Where screenshots go: docs/screenshots with `npm run screenshots`, otherwise .data/screenshots. */
const SHOTS = resolve(__dirname, '..', '..', process.env.SCREENSHOTS_DIR ?? '.data/screenshots');

/** The console's build (cached when its sources did not change) for the stack to serve. */
export function consoleBuild(): string {
  return buildWeb({ log: () => undefined });
}

/** Headless Chromium, resolved like the Temporal binaries (scripts/browser.js). */
export async function launchBrowser(): Promise<Browser> {
  const executablePath = resolveBrowser();
  if (!executablePath) throw new Error('no Chromium for the browser tests: run `npm test` (its set-up installs Debian\'s chromium as root) or set CHROMIUM_PATH');
  return chromium.launch({ executablePath, args: ['--no-sandbox', '--disable-dev-shm-usage'] });
}

/** A separate browser context (its own storage: one signed-in person) on the console. */
export async function personOn(browser: Browser, origin: string): Promise<{ context: BrowserContext; page: Page }> {
  const context = await browser.newContext({ baseURL: origin, viewport: { width: 1440, height: 900 }, locale: 'zh-CN', timezoneId: 'Asia/Shanghai', acceptDownloads: true });
  const page = await context.newPage();
  const failures: string[] = [];
  page.on('pageerror', (e) => failures.push(e.message));
  (page as Page & { failures: string[] }).failures = failures;
  // What the page did, for a failed step's message (pageTrail): navigations and the API's refusals.
  const trail: string[] = [];
  const note = (line: string) => trail.push(`${new Date().toISOString().slice(11, 23)} ${line}`) > 40 && trail.shift();
  page.on('framenavigated', (frame) => frame === page.mainFrame() && note(`navigated ${frame.url()}`));
  page.on('response', (r) => r.status() >= 400 && note(`${r.status()} ${r.request().method()} ${r.url()}`));
  page.on('requestfailed', (r) => note(`failed ${r.method()} ${r.url()} ${r.failure()?.errorText ?? ''}`));
  (page as Page & { trail: string[] }).trail = trail;
  return { context, page };
}

/** The page's last navigations and refused or failed requests (see personOn). */
export const pageTrail = (page: Page): string[] => (page as Page & { trail?: string[] }).trail ?? [];

/** The console's uncaught errors on this page so far (a test expects none). */
export const pageErrors = (page: Page): string[] => (page as Page & { failures?: string[] }).failures ?? [];

export async function signIn(page: Page, username: string, password: string): Promise<void> {
  await page.goto('/login');
  await page.getByLabel('用户名').fill(username);
  await page.getByLabel('密码').fill(password);
  await page.getByRole('button', { name: /登\s*录/ }).click();
  await page.waitForURL((url) => url.pathname !== '/login' && url.pathname !== '/'); // '/' forwards to the role's home
}

export async function screenshot(page: Page, name: string): Promise<void> {
  mkdirSync(SHOTS, { recursive: true });
  await page.waitForLoadState('networkidle');
  await page.screenshot({ path: join(SHOTS, `${name}.png`), fullPage: true, animations: 'disabled' }); // opening dialogs shown finished
}

/**
 * Clicks the button whose text is `text` (what the person sees; antd spaces two-character labels,
 * "报 送"). Matched by its text rather than its accessible name, which Chromium was seen to compute
 * differently for this button now and then; on failure the message lists the page's buttons and
 * its last navigations and refused requests, and a screenshot `<shot>-failed.png` is kept.
 */
export async function clickButton(page: Page, text: RegExp, shot: string): Promise<void> {
  await page.locator('button', { hasText: text }).click({ timeout: 15_000 }).catch(async (error: Error) => {
    await screenshot(page, `${shot}-failed`).catch(() => undefined);
    const buttons = await page.locator('button').evaluateAll((bs) => bs.map((b) => `${b.textContent}${b.hasAttribute('disabled') ? ' (disabled)' : ''}`));
    throw new Error(`${error.message}\nurl ${page.url()}\nbuttons ${JSON.stringify(buttons)}\n${pageTrail(page).join('\n')}`);
  });
}
