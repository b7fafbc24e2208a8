import { createHmac, randomUUID } from 'node:crypto';
import type Redis from 'ioredis';
import { loginFailureKey } from '../src/staff/auth/login-throttle';
import { REDIS } from '../src/redis/redis.tokens';
import { ADMIN_EMAIL, ADMIN_PASSWORD, createCampaign, login, startApp, TestApp, TestResponse } from './support/test-app';

// The e2e project's testTimeout is not applied by Jest to projects; argon2 and app starts need more than 5 s.
jest.setTimeout(60_000);

const HTTP_METHODS = ['get', 'post', 'put', 'patch', 'delete'] as const;
const PASSWORD = 'staff-password-0123';

interface StaffRoute {
  method: string;
  /** OpenAPI template, e.g. /api/staff/receipts/{receiptNo}/pdf */
  template: string;
  /** Callable path: every {param} replaced by a harmless value. */
  path: string;
}

const uniqueEmail = (label: string) => `${label}-${randomUUID().slice(0, 12)}@test.wennuan`;
const errorBody = (statusCode: number, code: string) => ({ statusCode, code, message: expect.any(String) });

function b64url(value: string | Buffer): string {
  return Buffer.from(value).toString('base64url');
}

/** A compact JWS, built by hand so a test can make any token the service might be handed. */
function signJwt(payload: Record<string, unknown>, key: string | Buffer, header: Record<string, unknown> = { alg: 'HS256', typ: 'JWT' }): string {
  const signingInput = `${b64url(JSON.stringify(header))}.${b64url(JSON.stringify(payload))}`;
  return `${signingInput}.${createHmac('sha256', key).update(signingInput).digest('base64url')}`;
}

function decodeJwt(token: string): Record<string, any> {
  return JSON.parse(Buffer.from(token.split('.')[1], 'base64url').toString('utf8'));
}

/** The staff token key, as src/staff/staff.module.ts derives it from APP_SECRET. */
function staffTokenKey(t: TestApp): Buffer {
  return createHmac('sha256', t.config.appSecret).update('wennuan:staff-access-token').digest();
}

async function staffRoutes(t: TestApp): Promise<StaffRoute[]> {
  const docs = await t.request('GET', '/docs-json');
  expect(docs.status).toBe(200);
  const routes: StaffRoute[] = [];
  for (const [template, operations] of Object.entries<Record<string, unknown>>(docs.body.paths)) {
    if (!template.startsWith('/api/staff')) continue;
    for (const method of Object.keys(operations)) {
      if (!(HTTP_METHODS as readonly string[]).includes(method)) continue;
      routes.push({ method: method.toUpperCase(), template, path: template.replace(/\{[^}]+\}/g, 'no-such-thing') });
    }
  }
  return routes;
}

const label = (r: StaffRoute) => `${r.method} ${r.template}`;

function callRoute(t: TestApp, route: StaffRoute, headers: Record<string, string> = {}, path = route.path): Promise<TestResponse> {
  return t.request(route.method, path, route.method === 'GET' || route.method === 'DELETE' ? { headers } : { headers, body: {} });
}

async function createStaff(t: TestApp, adminToken: string, role: string, email = uniqueEmail(role), password = PASSWORD) {
  const res = await t.request('POST', '/api/staff/users', { token: adminToken, body: { email, password, role, name: `测试${role}` } });
  expect(res.status).toBe(201);
  return { id: res.body.id as string, email, password, token: await login(t, email, password) };
}

async function auditFor(t: TestApp, token: string, entity: string, entityId: string) {
  const res = await t.request('GET', `/api/staff/audit-log?entity=${entity}&entityId=${encodeURIComponent(entityId)}&limit=500`, { token });
  expect(res.status).toBe(200);
  return res.body.items as any[];
}

describe('staff', () => {
  let t: TestApp;
  let admin: string;
  let adminId: string;
  let routes: StaffRoute[];
  /** Every response this suite receives, to prove no password or hash ever leaves the service. */
  const seen: TestResponse[] = [];

  beforeAll(async () => {
    t = await startApp();
    const request = t.request;
    t.request = async (...args) => {
      const res = await request(...args);
      seen.push(res);
      return res;
    };
    admin = await login(t);
    adminId = decodeJwt(admin).sub;
    routes = await staffRoutes(t);
  });
  afterAll(() => t?.close());

  describe('the staff routes, from the OpenAPI document', () => {
    it('lists every known staff route', () => {
      expect(routes.length).toBeGreaterThan(0);
      expect(routes.map(label)).toEqual(
        expect.arrayContaining([
          'POST /api/staff/logout',
          'GET /api/staff/me',
          'POST /api/staff/users',
          'GET /api/staff/users',
          'GET /api/staff/audit-log',
          'POST /api/staff/campaigns',
          'GET /api/staff/donations',
          'POST /api/staff/disbursements',
        ]),
      );
    });
  });

  describe('401 UNAUTHENTICATED on every staff route', () => {
    let finance: Awaited<ReturnType<typeof createStaff>>;
    beforeAll(async () => {
      finance = await createStaff(t, admin, 'finance');
    });

    /** Claims of a real, signed-in account, so that only the variation under test is wrong. */
    const claims = () => decodeJwt(finance.token);

    const variants: [string, () => Record<string, string>][] = [
      ['no Authorization header', () => ({})],
      ['an empty bearer token', () => ({ authorization: 'Bearer ' })],
      ['a garbage token', () => ({ authorization: 'Bearer not-a-token' })],
      ['a garbage three-part token', () => ({ authorization: `Bearer ${b64url('{"alg":"HS256"}')}.${b64url('{}')}.${b64url('sig')}` })],
      ['another scheme', () => ({ authorization: `Basic ${Buffer.from(`${ADMIN_EMAIL}:${ADMIN_PASSWORD}`).toString('base64')}` })],
      ['a token signed with another secret', () => ({ authorization: `Bearer ${signJwt(claims(), 'another-secret-of-at-least-32-characters!')}` })],
      ['a token signed with APP_SECRET itself instead of the derived key', () => ({ authorization: `Bearer ${signJwt(claims(), t.config.appSecret)}` })],
      [
        'an expired token',
        () => ({
          authorization: `Bearer ${signJwt({ ...claims(), iat: Math.floor(Date.now() / 1000) - 7200, exp: Math.floor(Date.now() / 1000) - 3600 }, staffTokenKey(t))}`,
        }),
      ],
      [
        'an unsigned token (alg none)',
        () => ({ authorization: `Bearer ${b64url(JSON.stringify({ alg: 'none', typ: 'JWT' }))}.${b64url(JSON.stringify(claims()))}.` }),
      ],
      ['a token of another issuer', () => ({ authorization: `Bearer ${signJwt({ ...claims(), iss: 'someone-else' }, staffTokenKey(t))}` })],
      ['a token whose signature was cut off', () => ({ authorization: `Bearer ${finance.token.split('.').slice(0, 2).join('.')}.` })],
    ];

    it('accepts a token built the same way with valid claims (so the refusals below are about the variation)', async () => {
      const token = signJwt(claims(), staffTokenKey(t));
      const me = await t.request('GET', '/api/staff/me', { token });
      expect(me.status).toBe(200);
      expect(me.body).toMatchObject({ id: finance.id, email: finance.email, role: 'finance' });
    });

    it.each(variants)('with %s', async (_name, headers) => {
      const failures: string[] = [];
      for (const route of routes) {
        const res = await callRoute(t, route, headers());
        if (
          res.status !== 401 ||
          JSON.stringify(res.body) !== JSON.stringify({ statusCode: 401, code: 'UNAUTHENTICATED', message: res.body?.message }) ||
          typeof res.body?.message !== 'string'
        ) {
          failures.push(`${label(route)} → ${res.status} ${res.text.slice(0, 200)}`);
        }
      }
      expect(failures).toEqual([]);
    });

    it('also when the path is spelt with percent-encoding (the router decodes it; the guard must not be fooled)', async () => {
      const failures: string[] = [];
      for (const route of routes) {
        const encoded = route.path.replace('/api/staff', '/api/%73taff');
        const res = await callRoute(t, route, {}, encoded);
        if (res.status !== 401 && res.status !== 404) failures.push(`${route.method} ${encoded} → ${res.status} ${res.text.slice(0, 200)}`);
      }
      expect(failures).toEqual([]);
    });

    it('takes the role from the account, not from the token: a finance token claiming admin is still finance', async () => {
      const token = signJwt({ ...claims(), role: 'admin' }, staffTokenKey(t));
      const res = await t.request('POST', '/api/staff/users', {
        token,
        body: { email: uniqueEmail('escalate'), password: PASSWORD, role: 'admin', name: '越权' },
      });
      expect(res.status).toBe(403);
      expect(res.body).toEqual(errorBody(403, 'FORBIDDEN'));
    });

    it('refuses a token for an account that does not exist', async () => {
      const token = signJwt({ ...claims(), sub: randomUUID() }, staffTokenKey(t));
      const res = await t.request('GET', '/api/staff/me', { token });
      expect(res.status).toBe(401);
      expect(res.body).toEqual(errorBody(401, 'UNAUTHENTICATED'));
    });
  });

  describe('403 FORBIDDEN by role', () => {
    let finance: Awaited<ReturnType<typeof createStaff>>;
    let warehouse: Awaited<ReturnType<typeof createStaff>>;
    let auditor: Awaited<ReturnType<typeof createStaff>>;
    let secondAdmin: Awaited<ReturnType<typeof createStaff>>;
    let campaign: string;

    beforeAll(async () => {
      [finance, warehouse, auditor, secondAdmin] = await Promise.all([
        createStaff(t, admin, 'finance'),
        createStaff(t, admin, 'warehouse'),
        createStaff(t, admin, 'auditor'),
        createStaff(t, admin, 'admin'),
      ]);
      campaign = await createCampaign(t, admin);
    });

    const newUser = (role = 'finance') => ({ email: uniqueEmail('new'), password: PASSWORD, role, name: '新同事' });
    const newCampaign = () => ({ code: `t-${randomUUID().slice(0, 8)}`, title: '测试活动', receiptPrefix: 'TS' });
    // The campaign received nothing: recorded only with the explicit confirmation (issue 18).
    const disbursement = () => ({
      campaignCode: campaign,
      amountFen: 100,
      recipient: '武汉市某医院',
      purpose: '防护物资',
      date: '2020-02-10',
      confirmExceeding: true,
    });

    it('each role sees itself at GET /api/staff/me', async () => {
      for (const [who, role] of [
        [finance, 'finance'],
        [warehouse, 'warehouse'],
        [auditor, 'auditor'],
        [secondAdmin, 'admin'],
      ] as const) {
        const me = await t.request('GET', '/api/staff/me', { token: who.token });
        expect(me.status).toBe(200);
        expect(me.body).toMatchObject({ id: who.id, email: who.email, role });
      }
    });

    it('warehouse may not create campaigns, read donations, manage staff, disburse money or read the audit log', async () => {
      const token = warehouse.token;
      const answers = [
        await t.request('POST', '/api/staff/campaigns', { token, body: newCampaign() }),
        await t.request('GET', '/api/staff/donations', { token }),
        await t.request('POST', '/api/staff/users', { token, body: newUser() }),
        await t.request('GET', '/api/staff/users', { token }),
        await t.request('POST', '/api/staff/disbursements', { token, body: disbursement() }),
        await t.request('GET', '/api/staff/audit-log', { token }),
      ];
      for (const res of answers) {
        expect(res.status).toBe(403);
        expect(res.body).toEqual(errorBody(403, 'FORBIDDEN'));
      }
      expect((await t.request('GET', '/api/staff/campaigns', { token })).status).toBe(200);
    });

    it('finance may not manage staff or create campaigns, but reads donations and records disbursements', async () => {
      const token = finance.token;
      const user = newUser();
      const code = newCampaign();
      for (const res of [
        await t.request('POST', '/api/staff/users', { token, body: user }),
        await t.request('POST', '/api/staff/users', { token, body: { ...newUser('admin') } }),
        await t.request('GET', '/api/staff/users', { token }),
        await t.request('POST', '/api/staff/campaigns', { token, body: code }),
      ]) {
        expect(res.status).toBe(403);
        expect(res.body).toEqual(errorBody(403, 'FORBIDDEN'));
      }
      // Refused means nothing was written.
      expect(Number((await t.db.query('SELECT count(*) FROM staff_users WHERE email = $1', [user.email]))[0].count)).toBe(0);
      expect(Number((await t.db.query('SELECT count(*) FROM campaigns WHERE code = $1', [code.code]))[0].count)).toBe(0);

      expect((await t.request('GET', `/api/staff/donations?campaignCode=${campaign}`, { token })).status).toBe(200);
      const made = await t.request('POST', '/api/staff/disbursements', { token, body: disbursement() });
      expect(made.status).toBe(201);
    });

    it('auditor reads the audit log, donations, staff and campaigns', async () => {
      const token = auditor.token;
      for (const path of ['/api/staff/audit-log', '/api/staff/donations', '/api/staff/users', '/api/staff/campaigns', '/api/staff/me']) {
        const res = await t.request('GET', path, { token });
        expect({ path, status: res.status }).toEqual({ path, status: 200 });
      }
    });

    it('auditor gets 403 on every non-GET staff route (sign-out and enrolling its own second factor excepted) and changes nothing', async () => {
      // An auditor's own sign-in (sign-out, its TOTP second factor) is not the foundation's data.
      const ownSignIn = new Set(['/api/staff/logout', '/api/staff/me/totp', '/api/staff/me/totp/confirm']);
      const writes = routes.filter((r) => r.method !== 'GET' && !ownSignIn.has(r.template));
      expect(writes.map(label)).toEqual(expect.arrayContaining(['POST /api/staff/users', 'POST /api/staff/campaigns', 'POST /api/staff/disbursements']));
      const failures: string[] = [];
      for (const route of writes) {
        const res = await callRoute(t, route, { authorization: `Bearer ${auditor.token}` });
        if (res.status !== 403 || res.body?.code !== 'FORBIDDEN') failures.push(`${label(route)} → ${res.status} ${res.text.slice(0, 200)}`);
      }
      expect(failures).toEqual([]);

      // With real, valid bodies too: the refusal is about the role, not the body.
      const user = newUser();
      const code = newCampaign();
      const before = Number(
        (await t.db.query(`SELECT count(*) FROM disbursements d JOIN campaigns c ON c.id = d.campaign_id WHERE c.code = $1`, [campaign]))[0].count,
      );
      for (const res of [
        await t.request('POST', '/api/staff/users', { token: auditor.token, body: user }),
        await t.request('POST', '/api/staff/campaigns', { token: auditor.token, body: code }),
        await t.request('POST', '/api/staff/disbursements', { token: auditor.token, body: disbursement() }),
      ]) {
        expect(res.status).toBe(403);
        expect(res.body).toEqual(errorBody(403, 'FORBIDDEN'));
      }
      expect(Number((await t.db.query('SELECT count(*) FROM staff_users WHERE email = $1', [user.email]))[0].count)).toBe(0);
      expect(Number((await t.db.query('SELECT count(*) FROM campaigns WHERE code = $1', [code.code]))[0].count)).toBe(0);
      expect(
        Number((await t.db.query(`SELECT count(*) FROM disbursements d JOIN campaigns c ON c.id = d.campaign_id WHERE c.code = $1`, [campaign]))[0].count),
      ).toBe(before);
    });

    it('auditor reads every GET staff route (never 401/403)', async () => {
      const failures: string[] = [];
      for (const route of routes.filter((r) => r.method === 'GET')) {
        const res = await callRoute(t, route, { authorization: `Bearer ${auditor.token}` });
        if (res.status === 401 || res.status === 403 || res.status >= 500) failures.push(`${label(route)} → ${res.status} ${res.text.slice(0, 200)}`);
      }
      expect(failures).toEqual([]);
    });

    it('admin may do everything: creates staff, campaigns and disbursements, reads everything', async () => {
      const token = secondAdmin.token;
      expect((await t.request('POST', '/api/staff/users', { token, body: newUser('auditor') })).status).toBe(201);
      expect((await t.request('POST', '/api/staff/campaigns', { token, body: newCampaign() })).status).toBe(201);
      expect((await t.request('POST', '/api/staff/disbursements', { token, body: disbursement() })).status).toBe(201);
      for (const path of ['/api/staff/audit-log', '/api/staff/donations', '/api/staff/users', '/api/staff/campaigns', '/api/staff/me']) {
        expect({ path, status: (await t.request('GET', path, { token })).status }).toEqual({ path, status: 200 });
      }
    });

    it('admin is never refused by role on any staff route, and no route answers 5xx to an empty request', async () => {
      const failures: string[] = [];
      // Sign-out last, so it does not end the session the other calls use.
      const ordered = [...routes.filter((r) => r.template !== '/api/staff/logout'), ...routes.filter((r) => r.template === '/api/staff/logout')];
      for (const route of ordered) {
        const res = await callRoute(t, route, { authorization: `Bearer ${secondAdmin.token}` });
        if (res.status === 401 || res.status === 403 || res.status >= 500) failures.push(`${label(route)} → ${res.status} ${res.text.slice(0, 200)}`);
      }
      expect(failures).toEqual([]);
    });
  });

  describe('sign-in', () => {
    it('returns an access token that opens the staff routes', async () => {
      const res = await t.request('POST', '/api/auth/login', { body: { email: ADMIN_EMAIL, password: ADMIN_PASSWORD } });
      expect(res.status).toBe(200);
      expect(res.body).toMatchObject({ accessToken: expect.stringMatching(/^[\w-]+\.[\w-]+\.[\w-]+$/) });
      const me = await t.request('GET', '/api/staff/me', { token: res.body.accessToken });
      expect(me.status).toBe(200);
      expect(me.body).toMatchObject({ email: ADMIN_EMAIL, role: 'admin' });
    });

    it('accepts the email in any case and with surrounding spaces', async () => {
      const user = await createStaff(t, admin, 'finance', uniqueEmail('case'));
      const res = await t.request('POST', '/api/auth/login', { body: { email: `  ${user.email.toUpperCase()} `, password: user.password } });
      expect(res.status).toBe(200);
      expect(res.body.accessToken).toEqual(expect.any(String));
    });

    it('answers a wrong password and an unknown email identically: 401 INVALID_CREDENTIALS', async () => {
      const user = await createStaff(t, admin, 'finance');
      const wrong = await t.request('POST', '/api/auth/login', { body: { email: user.email, password: 'not-the-password' } });
      const unknown = await t.request('POST', '/api/auth/login', { body: { email: uniqueEmail('nobody'), password: 'not-the-password' } });
      expect(wrong.status).toBe(401);
      expect(wrong.body).toEqual(errorBody(401, 'INVALID_CREDENTIALS'));
      expect(unknown.status).toBe(wrong.status);
      expect(unknown.body).toEqual(wrong.body);
      expect(unknown.text).toBe(wrong.text);
      expect(unknown.headers.get('www-authenticate')).toBe(wrong.headers.get('www-authenticate'));
    });

    it('refuses a malformed sign-in with 400, not 401 or 500', async () => {
      for (const body of [{}, { email: ADMIN_EMAIL }, { email: ADMIN_EMAIL, password: 12345 }]) {
        const res = await t.request('POST', '/api/auth/login', { body });
        expect(res.status).toBe(400);
        expect(res.body).toMatchObject({ statusCode: 400, code: 'VALIDATION_FAILED', message: expect.any(String) });
      }
    });
  });

  describe('lockout after LOGIN_MAX_ATTEMPTS failures', () => {
    let locky: TestApp;
    let redis: Redis;
    // Counted per account and client address (these requests all come from 127.0.0.1).
    const failureKey = (email: string) => loginFailureKey(email, '127.0.0.1');
    const attempt = (email: string, password: string) => locky.request('POST', '/api/auth/login', { body: { email, password } });

    beforeAll(async () => {
      locky = await startApp({ LOGIN_MAX_ATTEMPTS: '3', LOGIN_LOCK_SECONDS: '60' });
      redis = locky.app.get<Redis>(REDIS);
    });
    afterAll(() => locky?.close());

    it('counts each failure in Redis (the count sets the slow-down), then locks: even the right password gets 429 LOGIN_LOCKED', async () => {
      const user = await createStaff(t, admin, 'finance');
      for (let i = 1; i <= 3; i++) {
        const res = await attempt(user.email, 'wrong-password');
        expect(res.status).toBe(401);
        expect(res.body).toEqual(errorBody(401, 'INVALID_CREDENTIALS'));
        // The counter that drives the slow-down (from the 3rd attempt) and the lock, shared by every API process.
        expect(Number(await redis.get(failureKey(user.email)))).toBe(i);
      }
      const ttl = await redis.ttl(failureKey(user.email));
      expect(ttl).toBeGreaterThan(0);
      expect(ttl).toBeLessThanOrEqual(60);

      const locked = await attempt(user.email, user.password);
      expect(locked.status).toBe(429);
      expect(locked.body).toMatchObject(errorBody(429, 'LOGIN_LOCKED'));
      const retryAfter = Number(locked.headers.get('retry-after'));
      expect(Number.isInteger(retryAfter)).toBe(true);
      expect(retryAfter).toBeGreaterThan(0);
      expect(retryAfter).toBeLessThanOrEqual(60);
      expect(locked.text).not.toContain('accessToken');

      // Another spelling of the same address is the same account, and is locked too.
      expect((await attempt(user.email.toUpperCase(), user.password)).status).toBe(429);
    });

    it('leaves other accounts alone', async () => {
      const victim = await createStaff(t, admin, 'finance');
      const bystander = await createStaff(t, admin, 'finance');
      for (let i = 0; i < 3; i++) await attempt(victim.email, 'wrong-password');
      expect((await attempt(victim.email, victim.password)).status).toBe(429);
      const res = await attempt(bystander.email, bystander.password);
      expect(res.status).toBe(200);
      expect(res.body.accessToken).toEqual(expect.any(String));
    });

    it('locks unknown addresses the same way, so lockout does not reveal which accounts exist', async () => {
      const nobody = uniqueEmail('nobody');
      const known = await createStaff(t, admin, 'finance');
      const answers = { nobody: [] as TestResponse[], known: [] as TestResponse[] };
      for (let i = 0; i < 4; i++) {
        answers.nobody.push(await attempt(nobody, 'wrong-password'));
        answers.known.push(await attempt(known.email, 'wrong-password'));
      }
      expect(answers.nobody.map((r) => r.status)).toEqual([401, 401, 401, 429]);
      expect(answers.known.map((r) => r.status)).toEqual([401, 401, 401, 429]);
      expect(answers.nobody.map((r) => r.body.code)).toEqual(answers.known.map((r) => r.body.code));
      expect(Number(await redis.get(failureKey(nobody)))).toBeGreaterThanOrEqual(3);
    });

    it('a successful sign-in clears the failures', async () => {
      const user = await createStaff(t, admin, 'finance');
      await attempt(user.email, 'wrong-password');
      await attempt(user.email, 'wrong-password');
      expect(Number(await redis.get(failureKey(user.email)))).toBe(2);
      expect((await attempt(user.email, user.password)).status).toBe(200);
      expect(await redis.exists(failureKey(user.email))).toBe(0);
      await attempt(user.email, 'wrong-password');
      await attempt(user.email, 'wrong-password');
      expect((await attempt(user.email, user.password)).status).toBe(200);
    });

    it('cannot be outrun by sending many guesses at once: at most LOGIN_MAX_ATTEMPTS passwords are checked', async () => {
      const user = await createStaff(t, admin, 'finance');
      const answers = await Promise.all(Array.from({ length: 20 }, (_, i) => attempt(user.email, `guess-number-${i}`)));
      const statuses = answers.map((a) => a.status);
      expect(statuses.every((s) => s === 401 || s === 429)).toBe(true);
      expect(statuses.filter((s) => s === 401).length).toBeLessThanOrEqual(3);
      expect(statuses.filter((s) => s === 429).length).toBeGreaterThanOrEqual(17);
      expect((await attempt(user.email, user.password)).status).toBe(429);
    });

    it('records the lock in the audit log', async () => {
      const user = await createStaff(t, admin, 'finance');
      for (let i = 0; i < 3; i++) await attempt(user.email, 'wrong-password');
      const items = await auditFor(t, admin, 'staff_user', user.id);
      expect(items.map((i) => i.action)).toContain('staff.login_locked');
    });
  });

  describe('sign-out', () => {
    it('ends every session of the account at once; signing in again works', async () => {
      const user = await createStaff(t, admin, 'warehouse');
      const other = await login(t, user.email, user.password);
      expect((await t.request('GET', '/api/staff/me', { token: other })).status).toBe(200);

      const out = await t.request('POST', '/api/staff/logout', { token: user.token });
      expect(out.status).toBe(200);
      for (const token of [user.token, other]) {
        const me = await t.request('GET', '/api/staff/me', { token });
        expect(me.status).toBe(401);
        expect(me.body).toEqual(errorBody(401, 'UNAUTHENTICATED'));
      }
      // The old token cannot sign out again either.
      expect((await t.request('POST', '/api/staff/logout', { token: user.token })).status).toBe(401);

      const again = await login(t, user.email, user.password);
      expect((await t.request('GET', '/api/staff/me', { token: again })).status).toBe(200);
    });

    it('does not end other accounts’ sessions', async () => {
      const a = await createStaff(t, admin, 'finance');
      const b = await createStaff(t, admin, 'finance');
      expect((await t.request('POST', '/api/staff/logout', { token: a.token })).status).toBe(200);
      expect((await t.request('GET', '/api/staff/me', { token: b.token })).status).toBe(200);
      expect((await t.request('GET', '/api/staff/me', { token: admin })).status).toBe(200);
    });

    it('is allowed to an auditor', async () => {
      const auditor = await createStaff(t, admin, 'auditor');
      expect((await t.request('POST', '/api/staff/logout', { token: auditor.token })).status).toBe(200);
      expect((await t.request('GET', '/api/staff/me', { token: auditor.token })).status).toBe(401);
    });
  });

  describe('staff accounts', () => {
    it('creates an account: 201 with id, email, name and role, and nothing secret', async () => {
      const email = uniqueEmail('new');
      const res = await t.request('POST', '/api/staff/users', { token: admin, body: { email, password: PASSWORD, role: 'finance', name: '李会计' } });
      expect(res.status).toBe(201);
      expect(res.body).toMatchObject({ id: expect.any(String), email, name: '李会计', role: 'finance' });
      expect(Object.keys(res.body)).not.toEqual(expect.arrayContaining(['password']));
      expect(res.text).not.toContain(PASSWORD);
      expect(res.text).not.toMatch(/argon2|password_?hash/i);
    });

    it('refuses a taken email, in any case: 409 STAFF_EMAIL_TAKEN, and keeps one account', async () => {
      const email = uniqueEmail('dup');
      expect((await t.request('POST', '/api/staff/users', { token: admin, body: { email, password: PASSWORD, role: 'finance', name: '甲' } })).status).toBe(
        201,
      );
      for (const again of [email, email.toUpperCase()]) {
        const res = await t.request('POST', '/api/staff/users', { token: admin, body: { email: again, password: PASSWORD, role: 'auditor', name: '乙' } });
        expect(res.status).toBe(409);
        expect(res.body).toEqual(errorBody(409, 'STAFF_EMAIL_TAKEN'));
      }
      expect(Number((await t.db.query('SELECT count(*) FROM staff_users WHERE lower(email) = lower($1)', [email]))[0].count)).toBe(1);
      // The refused attempts left no audit rows behind (their transactions rolled back).
      expect(
        Number(
          (await t.db.query(`SELECT count(*) FROM audit_log WHERE action = 'staff_user.create' AND lower(after->>'email') = lower($1)`, [email]))[0].count,
        ),
      ).toBe(1);
    });

    it('creates one account when the same email is submitted many times at once', async () => {
      const email = uniqueEmail('race');
      const answers = await Promise.all(
        Array.from({ length: 6 }, () =>
          t.request('POST', '/api/staff/users', { token: admin, body: { email, password: PASSWORD, role: 'finance', name: '并发' } }),
        ),
      );
      expect(answers.map((a) => a.status).sort()).toEqual([201, 409, 409, 409, 409, 409]);
      expect(Number((await t.db.query('SELECT count(*) FROM staff_users WHERE lower(email) = lower($1)', [email]))[0].count)).toBe(1);
    });

    it.each([
      ['too short', 'short1'],
      ['empty', ''],
      ['nine characters', '123456789'],
    ])('refuses a weak password (%s): 422 WEAK_PASSWORD, nothing stored', async (_name, password) => {
      const email = uniqueEmail('weak');
      const res = await t.request('POST', '/api/staff/users', { token: admin, body: { email, password, role: 'finance', name: '弱' } });
      expect(res.status).toBe(422);
      expect(res.body).toEqual(errorBody(422, 'WEAK_PASSWORD'));
      expect(Number((await t.db.query('SELECT count(*) FROM staff_users WHERE email = $1', [email]))[0].count)).toBe(0);
    });

    it.each([
      ['an unknown role', { role: 'superuser' }],
      ['a malformed email', { email: 'not-an-email' }],
      ['a missing name', { name: undefined }],
      ['an extra field', { isAdmin: true }],
    ])('refuses %s with 400 VALIDATION_FAILED', async (_name, change) => {
      const body = { email: uniqueEmail('bad'), password: PASSWORD, role: 'finance', name: '某', ...change };
      const res = await t.request('POST', '/api/staff/users', { token: admin, body });
      expect(res.status).toBe(400);
      expect(res.body).toMatchObject({ statusCode: 400, code: 'VALIDATION_FAILED', message: expect.any(String) });
    });

    it('stores passwords as argon2id hashes, never as given', async () => {
      const user = await createStaff(t, admin, 'auditor');
      const [row] = await t.db.query('SELECT password_hash FROM staff_users WHERE id = $1', [user.id]);
      expect(row.password_hash).toMatch(/^\$argon2id\$v=19\$/);
      expect(row.password_hash).not.toContain(user.password);
      const [first] = await t.db.query('SELECT password_hash FROM staff_users WHERE lower(email) = lower($1)', [ADMIN_EMAIL]);
      expect(first.password_hash).toMatch(/^\$argon2id\$/);
    });

    it('lists accounts without any password or hash', async () => {
      const user = await createStaff(t, admin, 'warehouse');
      const list = await t.request('GET', '/api/staff/users', { token: admin });
      expect(list.status).toBe(200);
      const item = list.body.items.find((u: { id: string }) => u.id === user.id);
      expect(item).toMatchObject({ email: user.email, role: 'warehouse' });
      for (const u of list.body.items) expect(Object.keys(u).filter((k) => /password|hash/i.test(k))).toEqual([]);
      expect(list.text).not.toMatch(/\$argon2/);
    });
  });

  describe('audit log', () => {
    it('records creating a staff account: who, what, on which record, before/after, when; no password or hash', async () => {
      const email = uniqueEmail('audited');
      const password = `secret-${randomUUID()}`;
      const created = await t.request('POST', '/api/staff/users', { token: admin, body: { email, password, role: 'finance', name: '被审计' } });
      expect(created.status).toBe(201);
      const items = await auditFor(t, admin, 'staff_user', created.body.id);
      const entry = items.find((i) => i.action === 'staff_user.create');
      expect(entry).toMatchObject({
        actorId: adminId,
        actorEmail: ADMIN_EMAIL,
        action: 'staff_user.create',
        entity: 'staff_user',
        entityId: created.body.id,
        before: null,
        after: expect.objectContaining({ email, role: 'finance' }),
        at: expect.stringMatching(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$/),
      });
      expect(Number.isNaN(Date.parse(entry.at))).toBe(false);
      const text = JSON.stringify(items);
      expect(text).not.toContain(password);
      expect(text).not.toMatch(/argon2|password/i);
    });

    it('records creating a campaign', async () => {
      const code = await createCampaign(t, admin);
      const [{ id }] = await t.db.query('SELECT id FROM campaigns WHERE code = $1', [code]);
      const items = await auditFor(t, admin, 'campaign', id);
      expect(items).toHaveLength(1);
      expect(items[0]).toMatchObject({
        actorId: adminId,
        actorEmail: ADMIN_EMAIL,
        action: 'campaign.create',
        before: null,
        after: expect.objectContaining({ code }),
        at: expect.any(String),
      });
    });

    it('records a disbursement under the finance officer who made it', async () => {
      const finance = await createStaff(t, admin, 'finance');
      const code = await createCampaign(t, admin);
      const res = await t.request('POST', '/api/staff/disbursements', {
        token: finance.token,
        body: { campaignCode: code, amountFen: 123456, recipient: '武汉市金银潭医院', purpose: '一线医护人员慰问', date: '2020-02-10', confirmExceeding: true },
      });
      expect(res.status).toBe(201);
      const items = await auditFor(t, admin, 'disbursement', res.body.id);
      expect(items).toHaveLength(1);
      expect(items[0]).toMatchObject({
        actorId: finance.id,
        actorEmail: finance.email,
        action: 'disbursement.create',
        before: null,
        after: expect.objectContaining({ campaignCode: code, amountFen: 123456, recipient: '武汉市金银潭医院' }),
      });
    });

    it('records sign-in and sign-out, and auditors can read it', async () => {
      const user = await createStaff(t, admin, 'warehouse');
      expect((await t.request('POST', '/api/staff/logout', { token: user.token })).status).toBe(200);
      const auditor = await createStaff(t, admin, 'auditor');
      const items = await auditFor(t, auditor.token, 'staff_user', user.id);
      const actions = items.map((i) => i.action);
      expect(actions).toEqual(expect.arrayContaining(['staff_user.create', 'staff.login', 'staff.logout']));
      const logout = items.find((i) => i.action === 'staff.logout');
      expect(logout).toMatchObject({ actorId: user.id, actorEmail: user.email, entityId: user.id });
      // Newest first.
      expect(actions.indexOf('staff.logout')).toBeLessThan(actions.indexOf('staff_user.create'));
      const ats = items.map((i) => Date.parse(i.at));
      expect([...ats].sort((a, b) => b - a)).toEqual(ats);
    });

    it('pages with beforeId and refuses a bad limit with 400', async () => {
      const page = await t.request('GET', '/api/staff/audit-log?limit=2', { token: admin });
      expect(page.status).toBe(200);
      expect(page.body.items).toHaveLength(2);
      const next = await t.request('GET', `/api/staff/audit-log?limit=2&beforeId=${page.body.items[1].id}`, { token: admin });
      expect(next.status).toBe(200);
      for (const item of next.body.items) expect(BigInt(item.id) < BigInt(page.body.items[1].id)).toBe(true);
      for (const limit of ['0', '501', 'abc']) {
        const bad = await t.request('GET', `/api/staff/audit-log?limit=${limit}`, { token: admin });
        expect(bad.status).toBe(400);
        expect(bad.body.code).toBe('VALIDATION_FAILED');
      }
    });

    it('holds no password or password hash anywhere', async () => {
      const [row] = await t.db.query(`SELECT count(*) FROM audit_log WHERE concat(before::text, after::text) ~* '(argon2|password)'`);
      expect(Number(row.count)).toBe(0);
    });

    it('is append-only: UPDATE, DELETE and TRUNCATE are refused by the database', async () => {
      const user = await createStaff(t, admin, 'auditor');
      const [entry] = await t.db.query(`SELECT id, action FROM audit_log WHERE entity = 'staff_user' AND entity_id = $1 AND action = 'staff_user.create'`, [
        user.id,
      ]);
      expect(entry).toBeDefined();
      await expect(t.db.query(`UPDATE audit_log SET action = 'tampered' WHERE id = $1`, [entry.id])).rejects.toThrow(/append-only/);
      await expect(t.db.query(`UPDATE audit_log SET actor_email = NULL WHERE entity_id = $1`, [user.id])).rejects.toThrow(/append-only/);
      await expect(t.db.query(`DELETE FROM audit_log WHERE id = $1`, [entry.id])).rejects.toThrow(/append-only/);
      await expect(t.db.query(`TRUNCATE audit_log`)).rejects.toThrow(/append-only/);
      const [after] = await t.db.query(`SELECT action, actor_email FROM audit_log WHERE id = $1`, [entry.id]);
      expect(after).toEqual({ action: 'staff_user.create', actor_email: ADMIN_EMAIL });
    });
  });

  describe('secrets never leave the service', () => {
    it('no response in this suite carried a password hash or a password', () => {
      expect(seen.length).toBeGreaterThan(50);
      const leaks = seen.filter((r) => /\$argon2|password_?hash/i.test(r.text) || r.text.includes(PASSWORD) || r.text.includes(ADMIN_PASSWORD));
      expect(leaks.map((r) => `${r.status} ${r.text.slice(0, 200)}`)).toEqual([]);
    });
  });
});
