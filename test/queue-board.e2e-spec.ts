import { JwtService } from '@nestjs/jwt';
import { createHmac, randomUUID } from 'node:crypto';
import { join } from 'node:path';
import { launchChromium } from './support/browser';
import { ConsoleSessions, go, navLabels, SHOTS, shot, signIn } from './support/console-browser';
import { ADMIN_EMAIL, ADMIN_PASSWORD, login, startApp, TestApp } from './support/test-app';

const PASSWORD = 'staff-password-0123';
const APP_QUEUES = ['donation-maintenance', 'imports', 'payments', 'receipts', 'totals-maintenance'];
const errorBody = (statusCode: number, code: string) => ({ statusCode, code, message: expect.any(String) });

/** The BullMQ board at /staff/queues: admins only, through a short-lived cookie bound to their sign-in. */
describe('queue board', () => {
  let t: TestApp;
  let admin: string;

  beforeAll(async () => {
    // An API process: the board is served where HTTP is, and shows the queues whose workers run elsewhere.
    t = await startApp({ APP_ROLE: 'api' });
    admin = await login(t);
  });
  afterAll(() => t?.close());

  async function staff(role: string): Promise<{ email: string; token: string }> {
    const email = `board-${role}-${randomUUID().slice(0, 8)}@test.wennuan`;
    const res = await t.request('POST', '/api/staff/users', { token: admin, body: { email, password: PASSWORD, role, name: `面板${role}` } });
    expect(res.status).toBe(201);
    return { email, token: await login(t, email, PASSWORD) };
  }

  async function openSession(token: string): Promise<{ status: number; body: any; setCookie: string | null; cookie: string }> {
    const res = await t.request('POST', '/api/staff/queue-board/session', { token });
    const setCookie = res.headers.get('set-cookie');
    return { status: res.status, body: res.body, setCookie, cookie: setCookie ? setCookie.split(';')[0] : '' };
  }

  const board = (path: string, cookie?: string, method = 'GET') => t.request(method, `/staff/queues${path}`, { headers: cookie ? { cookie } : {} });

  it('an admin trades the bearer token for a board cookie, gets the board page, and its API lists every queue', async () => {
    const session = await openSession(admin);
    expect(session.status).toBe(200);
    expect(session.body).toEqual({ url: '/staff/queues', expiresIn: 900 });
    const attributes = session.setCookie!.split(';').map((a) => a.trim().toLowerCase());
    expect(attributes).toEqual(expect.arrayContaining(['path=/staff/queues', 'httponly', 'samesite=strict', 'max-age=900']));
    expect(session.cookie).toMatch(/^wennuan_queue_board=[\w-]+\.[\w-]+\.[\w-]+$/);

    const page = await board('', session.cookie);
    expect(page.status).toBe(200);
    expect(page.headers.get('content-type')).toMatch(/text\/html/);
    expect(page.text).toContain('<base href="/staff/queues/"');
    // No third-party font (unreachable in China, refused by the CSP).
    expect(page.text).toContain('static/css/main.');
    expect(page.text).not.toMatch(/googleapis|gstatic/);
    // Its script is served from under the board's path, behind the same cookie.
    const script = /src="(static\/js\/main\.[^"]+\.js)"/.exec(page.text)![1];
    expect((await board(`/${script}`, session.cookie)).status).toBe(200);
    expect((await board(`/${script}`)).status).toBe(401);

    const api = await board('/api/queues', session.cookie);
    expect(api.status).toBe(200);
    const names: string[] = api.body.queues.map((q: { name: string }) => q.name);
    expect(names).toEqual(expect.arrayContaining(APP_QUEUES));
    expect(api.body.queues.every((q: { readOnlyMode: boolean }) => q.readOnlyMode)).toBe(true);
  });

  it('in a browser: an admin opens the board from the console (token traded for the cookie), and it shows the queues', async () => {
    const browser = await launchChromium();
    const ui = new ConsoleSessions(
      () => browser,
      () => t.baseUrl,
    );
    try {
      const { page, problems } = await ui.start();
      await signIn(page, { email: ADMIN_EMAIL, password: ADMIN_PASSWORD, name: (await t.request('GET', '/api/staff/me', { token: admin })).body.name });
      expect(await navLabels(page)).toContain('任务队列');
      await go(page, '#/queues', '#open-queue-board');
      await shot(page, 'staff-queues.png');
      await page.locator('#open-queue-board').click();
      await page.waitForURL(`${t.baseUrl}/staff/queues`);
      for (const name of ['receipts', 'imports', 'approvals', 'exports']) await page.getByText(name, { exact: true }).first().waitFor({ timeout: 20_000 });
      await expect(page.evaluate('document.cookie')).resolves.not.toContain('wennuan_queue_board'); // HttpOnly
      await page.screenshot({ path: join(SHOTS, 'queue-board.png'), fullPage: true });
      // Nothing goes wrong: no request the CSP refuses (bull-board's Google Fonts link is taken out).
      expect(problems).toEqual([]);

      // Another browser without the session is refused.
      const stranger = await ui.start();
      const res = await stranger.page.goto(`${t.baseUrl}/staff/queues`);
      expect(res!.status()).toBe(401);
    } finally {
      await ui.closeAll();
      await browser.close();
    }
  });

  it('refuses anonymous callers, bearer tokens, finance and auditors with a JSON error', async () => {
    for (const path of ['', '/', '/api/queues', '/queue/receipts']) {
      const res = await board(path);
      expect(res.status).toBe(401);
      expect(res.body).toEqual(errorBody(401, 'UNAUTHENTICATED'));
    }
    // A bearer token is for the API; the board only takes its own cookie.
    const withBearer = await t.request('GET', '/staff/queues/api/queues', { token: admin });
    expect(withBearer.status).toBe(401);

    for (const role of ['finance', 'auditor', 'warehouse']) {
      const { token } = await staff(role);
      const session = await openSession(token);
      expect(session.status).toBe(403);
      expect(session.body).toEqual(errorBody(403, 'FORBIDDEN'));
      expect(session.setCookie).toBeNull();
    }
    const anonymous = await t.request('POST', '/api/staff/queue-board/session');
    expect(anonymous.status).toBe(401);
    expect(anonymous.headers.get('set-cookie')).toBeNull();
  });

  it('refuses a forged, tampered, expired or misplaced cookie', async () => {
    const { cookie } = await openSession(admin);
    const value = cookie.split('=')[1];
    const [header, payload, signature] = value.split('.');
    const claims = JSON.parse(Buffer.from(payload, 'base64url').toString());
    const key = createHmac('sha256', t.config.appSecret).update('wennuan:queue-board-session').digest();
    const sign = (extra: Record<string, unknown>, secret: Buffer | string = key) =>
      new JwtService({ secret }).sign(
        { sub: claims.sub, ver: claims.ver, ...extra },
        { algorithm: 'HS256', issuer: 'wennuan', audience: 'wennuan:queue-board' },
      );

    const forged = {
      'wrong key': sign({ exp: Math.floor(Date.now() / 1000) + 600 }, 'not-the-board-key-at-all-0123456789'),
      'the staff access token': admin,
      'tampered payload': `${header}.${Buffer.from(JSON.stringify({ ...claims, exp: claims.exp + 86400 })).toString('base64url')}.${signature}`,
      'no signature': `${header}.${payload}.`,
      expired: sign({ exp: Math.floor(Date.now() / 1000) - 5 }),
      'unsigned (alg none)': `${Buffer.from(JSON.stringify({ alg: 'none', typ: 'JWT' })).toString('base64url')}.${payload}.`,
    };
    for (const [what, token] of Object.entries(forged)) {
      const res = await board('/api/queues', `wennuan_queue_board=${token}`);
      expect({ what, status: res.status, body: res.body }).toEqual({ what, status: 401, body: errorBody(401, 'UNAUTHENTICATED') });
    }
    // The control: the same key and claims, not expired, are accepted.
    expect((await board('/api/queues', `wennuan_queue_board=${sign({ exp: Math.floor(Date.now() / 1000) + 60 })}`)).status).toBe(200);
  });

  it('is read-only: no method but GET reaches the board, and nothing changes', async () => {
    const { cookie } = await openSession(admin);
    for (const [method, path] of [
      ['PUT', '/api/queues/receipts/pause'],
      ['PUT', '/api/queues/pause'],
      ['PUT', '/api/queues/receipts/obliterate'],
      ['POST', '/api/queues/receipts/add'],
    ]) {
      const res = await board(path, cookie, method);
      expect({ method, path, status: res.status, code: res.body?.code }).toEqual({ method, path, status: 403, code: 'FORBIDDEN' });
    }
    const receipts = (await board('/api/queues', cookie)).body.queues.find((q: { name: string }) => q.name === 'receipts');
    expect(receipts.isPaused).toBe(false);
  });

  it('ends when the admin signs out, or is no longer an admin', async () => {
    const other = await staff('admin');
    const session = await openSession(other.token);
    expect((await board('/api/queues', session.cookie)).status).toBe(200);
    expect((await t.request('POST', '/api/staff/logout', { token: other.token })).status).toBe(200);
    const after = await board('/api/queues', session.cookie);
    expect(after.status).toBe(401);
    expect(after.body).toEqual(errorBody(401, 'UNAUTHENTICATED'));
    expect((await board('', session.cookie)).status).toBe(401);

    // Demoted: the session of a former admin is refused even before it expires.
    const demoted = await staff('admin');
    const kept = await openSession(demoted.token);
    await t.db.query(`UPDATE staff_users SET role = 'finance' WHERE lower(email) = lower($1)`, [demoted.email]);
    const refused = await board('/api/queues', kept.cookie);
    expect(refused.status).toBe(403);
    expect(refused.body).toEqual(errorBody(403, 'FORBIDDEN'));
  });
});
