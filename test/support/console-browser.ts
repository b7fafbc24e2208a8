/**
 * The staff console in Chromium, as the browser suites drive it: sessions that collect page errors
 * (and CSP violations), sign-in through the form, navigation by hash, screenshots from the top.
 */
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, BrowserContext, Page, ViewportSize } from 'playwright-core';

/** Screenshots of every main page, kept by the test run (CI keeps test-results/). */
export const SHOTS = join(__dirname, '..', '..', 'test-results');
export const LAPTOP: ViewportSize = { width: 1366, height: 900 };
export const TABLET: ViewportSize = { width: 820, height: 1180 };

export interface ConsoleSession {
  context: BrowserContext;
  page: Page;
  /** Page errors, console errors and CSP violations seen so far; a suite expects none. */
  problems: string[];
}

export interface ConsoleUser {
  email: string;
  password: string;
  name: string;
}

/** Browser contexts opened by one suite, closed after each test (or earlier, as a closed browser). */
export class ConsoleSessions {
  private readonly open: ConsoleSession[] = [];

  constructor(
    private readonly browser: () => Browser,
    private readonly baseUrl: () => string,
  ) {
    mkdirSync(SHOTS, { recursive: true });
  }

  async start(viewport: ViewportSize = LAPTOP): Promise<ConsoleSession> {
    const context = await this.browser().newContext({ viewport, locale: 'zh-CN', timezoneId: 'Asia/Shanghai', baseURL: this.baseUrl(), acceptDownloads: true });
    await context.addInitScript({
      content: `document.addEventListener('securitypolicyviolation', function (e) {
        console.error('CSP violation: ' + e.violatedDirective + ' blocked ' + e.blockedURI);
      });`,
    });
    const page = await context.newPage();
    const session: ConsoleSession = { context, page, problems: [] };
    page.on('pageerror', (e) => session.problems.push(`pageerror: ${e.message}`));
    page.on('console', (m) => {
      // A refused API call (403/404/409 shown to the user) is logged by Chromium as a failed resource.
      if (m.type() === 'error' && !/Failed to load resource/.test(m.text())) session.problems.push(`console.error: ${m.text()}`);
    });
    this.open.push(session);
    return session;
  }

  /** Closes one session, as a user closing the browser. */
  async close(session: ConsoleSession): Promise<void> {
    this.open.splice(this.open.indexOf(session), 1);
    await session.context.close();
  }

  async closeAll(): Promise<void> {
    for (const session of this.open.splice(0)) await session.context.close();
  }
}

/** Signs in through the form and waits for the console to greet the user by name. */
export async function signIn(page: Page, user: ConsoleUser): Promise<void> {
  const res = await page.goto('/staff');
  expect(res?.status()).toBe(200);
  await page.locator('#login-form').waitFor();
  await page.getByLabel('邮箱').fill(user.email);
  await page.getByLabel('密码').fill(user.password);
  await page.getByRole('button', { name: '登录' }).click();
  await page.locator('#console').waitFor();
  await expect(page.locator('#me-name').textContent()).resolves.toBe(user.name);
}

/** Goes to a console screen by its hash and waits for an element of it. */
export async function go(page: Page, hash: string, ready: string): Promise<void> {
  await page.evaluate(`location.hash = ${JSON.stringify(hash)}`);
  await page.locator(ready).first().waitFor();
}

/** A full-page screenshot taken from the top, so the sticky header sits where it belongs. */
export async function shot(page: Page, name: string): Promise<void> {
  await page.evaluate('window.scrollTo(0, 0)');
  await page.screenshot({ path: join(SHOTS, name), fullPage: true });
}

/** The menu entries the signed-in user sees. */
export async function navLabels(page: Page): Promise<string[]> {
  return (await page.locator('#nav .nav-link').evaluateAll((links) => links.map((a) => a.firstChild?.textContent ?? ''))).map((s) => s.trim());
}

/** The buttons a user can see on the current screen, by their text. */
export async function visibleButtons(page: Page): Promise<string[]> {
  return page.locator('button:visible').evaluateAll((els) => els.map((b) => (b.textContent ?? '').trim()));
}

/** The bearer token the console keeps for this tab. */
export async function sessionToken(page: Page): Promise<string> {
  return page.evaluate<string>(`JSON.parse(sessionStorage.getItem('wennuan.staff.session') || '{}').token`);
}
